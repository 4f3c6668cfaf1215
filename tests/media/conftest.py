import pytest

from .factories import ensure_media_roles


@pytest.fixture(autouse=True)
def _media_roles(db):
    ensure_media_roles()
