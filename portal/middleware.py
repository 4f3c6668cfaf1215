"""A strict Content-Security-Policy for the reader site: everything comes from our own origin."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(settings.CONTENT_SECURITY_POLICY)
        self.skip = tuple(settings.CONTENT_SECURITY_POLICY_SKIP)

    def __call__(self, request):
        response = self.get_response(request)
        # The admin (CKEditor 5) keeps Django's own defaults; readers' pages get the strict policy.
        if self.policy and not request.path.startswith(self.skip):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
