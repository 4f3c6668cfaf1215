"""`{% load page_meta %}`: the page's `<title>` and `<head>` metadata from its `meta` (a
`portal.pagemeta.PageMeta` its view declares; the site defaults when it declares none)."""

from django import template

from portal.pagemeta import PageMeta

register = template.Library()

DEFAULT = PageMeta()


def _meta(context) -> PageMeta:
    meta = context.get("meta")
    return meta if isinstance(meta, PageMeta) else DEFAULT


@register.simple_tag(takes_context=True)
def page_title(context) -> str:
    """The `<title>` text (autoescaped where it is output)."""
    return _meta(context).full_title()


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def page_head(context):
    """Description, canonical address, robots, Open Graph, Twitter card, feed links and JSON-LD."""
    return _meta(context).head(context.get("request"))
