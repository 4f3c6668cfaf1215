from django.utils import timezone

from .models import SiteSettings


def site(request):
    """`site`: the editable site settings (cached) for the header, footer and block sizes; `now`."""
    return {"site": SiteSettings.load(), "now": timezone.now()}
