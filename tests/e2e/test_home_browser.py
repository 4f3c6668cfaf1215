"""The home page in a real browser (Chromium via Playwright), on a desktop and on a 360 px phone:
each story is shown in one block only (the lead story, the featured stories beside it, "Tin mới",
the category blocks and "Xem nhiều nhất" never repeat one another)."""

import pytest

from tests.articles.test_category_membership import demo_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# {article address: [the blocks showing it]}: for every visible link to an article, its innermost
# section (or aside, nav, header, footer), named by its class and position in the page.
LINKS_BY_BLOCK = r"""() => {
  const containers = [...document.querySelectorAll('section, aside, nav, header, footer')];
  const found = {};
  for (const link of document.querySelectorAll('a[href]')) {
    const url = new URL(link.href, location.href);
    const article = /^\/[-a-z0-9]+\/[-a-z0-9]+-\d+\.html$/;
    if (url.origin !== location.origin || !article.test(url.pathname)) continue;
    const box = link.getBoundingClientRect();
    const holder = link.closest('section, aside, nav, header, footer');
    const visible = box.width > 0 && box.height > 0
      && getComputedStyle(link).visibility !== 'hidden';
    const block = holder
      ? `${holder.tagName.toLowerCase()}.${holder.className}#${containers.indexOf(holder)}`
      : 'page';
    if (!visible) continue;  // shown to the reader
    const blocks = (found[url.pathname] = found[url.pathname] || []);
    if (!blocks.includes(block)) blocks.push(block);
  }
  return found;
}"""


def test_no_story_is_shown_in_two_blocks_of_the_home_page(live_server, any_page):
    demo_home()
    any_page.goto(f"{live_server.url}/")
    found = any_page.evaluate(LINKS_BY_BLOCK)
    repeated = {address: blocks for address, blocks in found.items() if len(blocks) > 1}
    assert not repeated, repeated
    kinds = {block.split("#")[0] for blocks in found.values() for block in blocks}
    assert {
        "section.top-stories",
        "section.block block-latest",
        "section.block block-category",
        "section.widget widget-most-viewed",
    } <= kinds, kinds
    # the lead and featured stories, the latest news, at least three category blocks
    assert len(found) >= 5 + 8 + 5 * 3
