"""Vietnamese unless the reader chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, so a reader (or an editor) with
an English browser would get an English portal. Here the language comes only from the reader's
explicit choice (the cookie that /i18n/setlang/ sets), else LANGUAGE_CODE (vi).
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request) -> str:
    """The language of the reader's explicit choice (the language cookie), else LANGUAGE_CODE."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        language = translation.get_language()
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
