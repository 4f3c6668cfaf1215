"""`{% load seo %}{% seo_head %}`: the metadata search engines and social networks read.

Reads the page's context (`article`, `subject`, `page_obj`, `request`, `preview`, `noindex`) and
renders description, canonical URL, robots, Open Graph, Twitter card, JSON-LD and feed links.
"""

from django import template

from portal import seo

register = template.Library()


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    return seo.head_context(context)
