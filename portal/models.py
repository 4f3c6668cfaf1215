import hashlib

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import caching
from .imagecheck import CheckedImageField

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb, e.g. #a4161a.")
)


class SiteSettings(models.Model):
    """The one record of site-wide settings that editors change in the admin (name, logo,
    footer…)."""

    site_name = models.CharField(
        _("site name"), max_length=200, default="Cổng thông tin điện tử tỉnh"
    )
    tagline = models.CharField(
        _("tagline"), max_length=300, blank=True, default="Thông tin chính thống của tỉnh"
    )
    logo = CheckedImageField(  # the same checks as covers: JPEG/PNG/GIF/WebP only, re-encoded
        _("logo"),
        upload_to="site/",
        blank=True,
        help_text=_("Shown left of the site name; a square image works best."),
    )
    header_background = models.CharField(
        _("header colour"),
        max_length=7,
        default="#a4161a",
        validators=[colour_validator],
        help_text=_(
            "Background of the header band, as #rrggbb. Keep it dark: the text on it is white."
        ),
    )
    header_accent = models.CharField(
        _("menu colour"),
        max_length=7,
        default="#7d1013",
        validators=[colour_validator],
        help_text=_(
            "Background of the menu bar, as #rrggbb. Keep it dark: the text on it is white."
        ),
    )
    publisher = models.CharField(
        _("publisher"), max_length=300, blank=True, default="Cơ quan chủ quản: Ủy ban nhân dân tỉnh"
    )
    editor_in_chief = models.CharField(
        _("responsible editor"),
        max_length=300,
        blank=True,
        default="Chịu trách nhiệm chính: Trưởng Ban Biên tập",
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, default="Số 1 đường Trung tâm, thành phố tỉnh lỵ"
    )
    phone = models.CharField(_("phone"), max_length=100, blank=True, default="0200 3800 000")
    email = models.EmailField(_("e-mail"), blank=True, default="banbientap@example.gov.vn")
    licence = models.CharField(
        _("licence line"),
        max_length=400,
        blank=True,
        default="Giấy phép thiết lập trang thông tin điện tử tổng hợp số 00/GP-STTTT",
    )
    copyright = models.CharField(
        _("copyright line"),
        max_length=400,
        blank=True,
        default="Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này.",
    )
    items_latest = models.PositiveSmallIntegerField(
        _("items in “Latest”"),
        default=10,
        help_text=_("Articles in the sidebar's latest news block."),
    )
    items_most_viewed = models.PositiveSmallIntegerField(
        _("items in “Most viewed”"),
        default=10,
        help_text=_("Articles in the sidebar's most viewed block."),
    )
    items_featured = models.PositiveSmallIntegerField(
        _("featured articles"),
        default=5,
        help_text=_("The lead story and those beside it on the home page."),
    )
    items_per_category = models.PositiveSmallIntegerField(
        _("items per category block"),
        default=5,
        help_text=_("Articles in each category block on the home page."),
    )
    items_home_latest = models.PositiveSmallIntegerField(
        _("latest articles on the home page"), default=8
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1  # a singleton: there is only ever one record
        super().save(*args, **kwargs)  # a new content generation (PortalConfig.ready): read anew

    @property
    def theme_version(self) -> str:
        """Changes with the colours, so the theme stylesheet's address can be cached for long."""
        return hashlib.sha256(f"{self.header_background}{self.header_accent}".encode()).hexdigest()[
            :10
        ]

    @classmethod
    def load(cls) -> "SiteSettings":
        """The settings record, from the cache when possible (read once per request, kept under the
        content generation, so a change shows once it is committed); created with defaults on
        first use."""
        return caching.cached_block(
            caching.SITE_SETTINGS_BLOCK, lambda: cls.objects.filter(pk=1).first() or cls(pk=1)
        )
