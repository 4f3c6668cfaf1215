import pytest
from PIL import EpsImagePlugin, Image


@pytest.fixture
def ghostscript(monkeypatch, tmp_path):
    """A stand-in for Ghostscript: rendering an EPS creates the marker file, as its program
    would."""
    marker = tmp_path / "ghostscript-ran"

    def render(tile, size, fp, scale=1, transparency=False):
        marker.write_text("the PostScript program ran")
        return Image.new("RGB", size, "white").im

    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", render)
    return marker
