"""Property tests: any text and any query give an escaped, faithful snippet and a normal page."""

import html
import re
import unicodedata

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.search_index import _display_text
from search.query import highlight, parse_query, snippet

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
text = st.text(
    alphabet=st.sampled_from(
        VIETNAMESE + VIETNAMESE.upper() + " ,.;:!?\"'<>&-_()*|\u0301\t\n0123456789"
    ),
    max_size=300,
)
queries = st.one_of(text, st.text(max_size=300))


def unmark(marked: str) -> str:
    return html.unescape(re.sub(r"</?mark>", "", marked))


@given(text, queries)
@settings(max_examples=300)
def test_highlight_keeps_the_text_and_escapes_it(value, query):
    marked = highlight(value, parse_query(query))
    assert unmark(marked) == _display_text(value)
    assert "<" not in re.sub(r"</?mark>", "", marked)


@given(text, queries)
@settings(max_examples=300)
def test_snippet_is_escaped_and_from_the_text(value, query):
    result = snippet([value], parse_query(query), length=80)
    plain = unmark(result).removeprefix("… ").removesuffix(" …")
    assert "<" not in re.sub(r"</?mark>", "", result)
    assert plain in _display_text(value)


@given(queries)
@settings(max_examples=300)
def test_parse_never_fails_and_is_tone_mark_blind(query):
    parsed = parse_query(query)
    assert len(parsed.text) <= 400
    nfd = parse_query(unicodedata.normalize("NFD", query))
    assert bool(parsed) == bool(nfd)


@pytest.mark.django_db
@given(queries)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_search_page_answers_200_for_any_query(client, query):
    response = client.get(reverse("search:search"), {"q": query.replace("\x00", "")})
    assert response.status_code == 200
