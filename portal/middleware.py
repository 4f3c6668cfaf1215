"""Response headers: a Content-Security-Policy (strict for readers, one CKEditor 5 can work under
for the admin), a Permissions-Policy, and no public caching of a response that sets a cookie."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class PrivateIfCookieMiddleware:
    """A page marked `public` that sets a cookie (a session, message or CSRF cookie added by a
    middleware after the view decided) is made private: a shared cache must never hand one
    visitor's cookie to the next. Placed before the session, CSRF and messages middlewares, it
    sees the response they finished."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies and "public" in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)
        return response


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(settings.CONTENT_SECURITY_POLICY)
        self.admin_policy = "; ".join(settings.ADMIN_CONTENT_SECURITY_POLICY)
        self.admin_prefix = settings.ADMIN_PATH_PREFIX

    def __call__(self, request):
        response = self.get_response(request)
        policy = self.admin_policy if request.path.startswith(self.admin_prefix) else self.policy
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
