"""Template tags of the reader site: Vietnamese dates, pictures and the sidebar blocks."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles import images, widgets
from portal import pagemeta

register = template.Library()

# Python's weekday(): Monday is 0.
WEEKDAYS_VI = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@register.filter
def long_date(value: datetime | None) -> str:
    """ "Thứ Hai, 29/11/2026 08:30" in Vietnam time (English weekday names when the reader chose
    English)."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    names = WEEKDAYS_EN if (get_language() or "vi").startswith("en") else WEEKDAYS_VI
    return f"{names[local.weekday()]}, {local:%d/%m/%Y %H:%M}"


# For <time datetime> (Django's "c" format keeps the microseconds, which HTML does not accept).
iso_datetime = register.filter("iso_datetime", pagemeta.iso)


@register.filter
def short_date(value: datetime | None) -> str:
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%d/%m/%Y %H:%M}"


@register.filter
def thousands(value) -> str:
    """1234567 -> "1.234.567" (Vietnamese) or "1,234,567" (English)."""
    try:
        text = f"{int(value):,}"
    except (TypeError, ValueError):
        return ""
    return text if (get_language() or "vi").startswith("en") else text.replace(",", ".")


@register.inclusion_tag("includes/picture.html")
def picture(article, use="card", lazy=True, alt=None):
    """<picture> with WebP and JPEG srcsets of the article's cover, sized so nothing shifts."""
    data = images.picture_data(article.cover_image, article.cover_width, article.cover_height, use)
    return {
        "pic": data,
        "alt": article.cover_alt if alt is None else alt,
        "lazy": lazy,
        "use": use,
    }


@register.inclusion_tag("includes/sidebar.html", takes_context=True)
def sidebar(context):
    site = context["site"]
    return {
        "latest": widgets.latest(site.items_latest),
        "most_viewed": widgets.most_viewed(site.items_most_viewed),
        "links": widgets.website_links(),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.simple_tag
def category_menu():
    return widgets.menu()


@register.simple_tag(takes_context=True)
def page_range(context, page_obj, around: int = 2):
    """Page numbers to show: first, last and `around` each side of the current one; None = gap."""
    current, last = page_obj.number, page_obj.paginator.num_pages
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    result, previous = [], 0
    for number in shown:
        if number - previous > 1:
            result.append(None)
        result.append(number)
        previous = number
    return result


class SharedFragmentNode(template.Node):
    def __init__(self, name: str, vary_on: list, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        parts = [self.name, get_language() or "", *(str(v.resolve(context)) for v in self.vary_on)]
        return mark_safe(
            widgets.fragment(":".join(parts), lambda: str(self.nodelist.render(context)))
        )


@register.tag
def shared_fragment(parser, token):
    """{% shared_fragment "sidebar" [var …] %}…{% endshared_fragment %}: the enclosed markup is
    rendered once per generation of the reader blocks (articles.widgets), language and the given
    values, then served from the cache by every page that shows it. Only for markup that is the
    same for every reader: nothing of the request, the user, a form or a token may be inside."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        bits[1].strip("\"'"), [parser.compile_filter(b) for b in bits[2:]], nodelist
    )
