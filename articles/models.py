from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import URLValidator
from django.db import connections, models
from django.db.models import Func, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, JSONObject
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from portal import caching
from portal.imagecheck import CheckedImageField
from portal.text import SLUG_REGEX, slugify_vi

from .fields import RichTextField, SlugField


def _slug_for(instance, name: str, fallback: str) -> str:
    """The slug typed (normalised), else one made from `name` (or `fallback` when nothing of it
    is a letter or digit), numbered `-2`, `-3`… so that a name saved twice in the shell or an
    import does not clash with another row's slug. A slug typed in a form is checked there."""
    max_length = instance._meta.get_field("slug").max_length
    typed = slugify_vi(instance.slug, max_length)
    if typed:
        return typed
    base = slugify_vi(name, max_length) or fallback
    candidate, number = base, 2
    while type(instance).objects.filter(slug=candidate).exclude(pk=instance.pk).exists():
        suffix = f"-{number}"
        candidate, number = base[: max_length - len(suffix)] + suffix, number + 1
    return candidate


class CategoryTree:
    """Every category's parent and whether it is active, read in one query (categories are few).

    The one owner of a category's subtree: `subtree_ids(pk)` is the category and those of its
    descendants that readers can reach, i.e. active ones whose every ancestor below `pk` is active.
    An inactive sub-category is hidden from readers (no page, not in the menu), and so is all that
    is under it: its articles are not listed under its parent either (they still are under any
    other category they belong to, and on their own page, tags, author, unit and the site-wide
    lists).
    """

    def __init__(self, categories):
        self.categories: list[Category] = list(categories)  # in the editors' order
        self.active: dict[int, bool] = {}
        self.by_slug: dict[str, int] = {}
        self.children: dict[int, list[int]] = {}
        for category in self.categories:
            self.active[category.pk] = category.is_active
            self.by_slug[category.slug] = category.pk
            if category.parent_id is not None:
                self.children.setdefault(category.parent_id, []).append(category.pk)

    def subtree_ids(self, pk: int) -> list[int]:
        """`pk` and its active descendants, reached through active categories only."""
        ids, todo = [pk], [pk]
        while todo:
            for child in self.children.get(todo.pop(), ()):
                if self.active.get(child) and child not in ids:
                    ids.append(child)
                    todo.append(child)
        return ids


class CategoryManager(models.Manager):
    def tree(self) -> CategoryTree:
        """The category tree, read once per content generation (kept in the cache: a category
        saved or deleted starts a new generation) and once per request."""

        def build():
            key = caching.block_key("category-tree")
            tree = cache.get(key)
            if tree is None:
                tree = CategoryTree(self.get_queryset())
                cache.set(key, tree, caching.reader_seconds())
            return tree

        return caching.per_request("category-tree", build)

    def subtree_ids(self, category) -> list[int]:
        """A category (instance or id) and its active descendants (see CategoryTree)."""
        return self.tree().subtree_ids(getattr(category, "pk", category))


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = SlugField(_("slug"), max_length=140, unique=True, help_text=_("Used in the address."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Leave empty for a top-level category shown in the main menu."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive categories are hidden from readers.")
    )

    objects = CategoryManager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_REGEX), name="category_slug_format")
        ]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def save(self, *args, **kwargs):
        self.slug = _slug_for(self, self.name, "chuyen-muc")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:category", args=[self.slug])

    def subtree_ids(self) -> list[int]:
        """This category and its active descendants: what its page, feeds, home block, search
        filter and sitemap entry list (ArticleQuerySet.in_category)."""
        return Category.objects.subtree_ids(self)

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {
                        "parent": _(
                            "A category cannot be inside itself or one of its sub-categories."
                        )
                    }
                )
            ancestor = ancestor.parent


class Unit(models.Model):
    """The organisation an author writes for, e.g. a provincial board."""

    name = models.CharField(_("name"), max_length=200)
    slug = SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_REGEX), name="unit_slug_format")
        ]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = _slug_for(self, self.name, "don-vi")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:unit", args=[self.slug])


class Author(models.Model):
    name = models.CharField(_("display name"), max_length=150)
    slug = SlugField(_("slug"), max_length=160, unique=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authors",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text=_("The staff account that writes as this author, if any."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_REGEX), name="author_slug_format")
        ]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return f"{self.name} ({self.unit.name})" if self.unit_id and self.unit else self.name

    def save(self, *args, **kwargs):
        self.slug = _slug_for(self, self.name, "tac-gia")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", args=[self.slug])


class Tag(TagBase):
    """A tag whose slug folds Vietnamese tone marks ("Chuyển đổi số" -> "chuyen-doi-so")."""

    slug = SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_REGEX), name="tag_slug_format")
        ]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = slugify_vi(tag, 90) or "the"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("articles:tag", args=[self.slug])


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    # The article's publish_at, copied here by the database itself (triggers of migration 0015, on
    # every insert of a link and every change of an article's publish_at, whoever makes it: the
    # admin, a shell, a bulk update), so a tag's articles are read newest first from one index:
    # page 50 of a tag reads 1,000 index entries, not every link of the tag.
    publish_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        unique_together = [("content_object", "tag")]
        indexes = [
            # a tag's newest articles (by id): related articles' candidates
            models.Index(fields=["tag", "-content_object"], name="tagged_tag_article_idx"),
            # a tag's articles newest first: the tag pages
            models.Index(
                fields=["tag", "-publish_at", "-content_object"], name="tagged_tag_publish_idx"
            ),
        ]
        verbose_name = _("tagged article")
        verbose_name_plural = _("tagged articles")


class _AnyOf(models.Lookup):
    """`field = ANY(array)`: with an ArraySubquery, an index condition (Django's `__in` with a
    subquery is a semi-join or a hashed subplan, which a bitmap of an index cannot use)."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def _int_array(ids):
    """`%s::integer[]`: a list of ids as one parameter."""
    array = ArrayField(models.IntegerField())
    return Cast(Value(list(ids), output_field=array), array)


def ids_in(field: str, ids) -> Q:
    """`field = ANY(%s::integer[])`: one parameter whatever the number of ids (`__in` has one per
    id), so a prepared query's statement keeps its shape (portal/prepared.py)."""
    return Q(_AnyOf(models.F(field), _int_array(ids)))


def in_subquery(field: str, queryset) -> Q:
    """`field = ANY(ARRAY(subquery))`: the subquery's values read first, then `field`'s index
    probed for each (an `__in` may instead read every row and keep those in the subquery)."""
    return Q(_AnyOf(models.F(field), ArraySubquery(queryset)))


# Large columns that no list, card, feed or sitemap shows.
CARD_DEFERRED = ("body", "search_document", "search_head", "search_exact", "related_ids")


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see: published, due, not expired. The one definition used everywhere.
        `now`: the time to judge by (a prepared query passes it; portal/prepared.py)."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now).filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now)
        )

    def recent(self):
        return self.order_by("-publish_at", "-id")

    def next_scheduled_change(self):
        """The next time readers will see a change that nobody saves: a published article becoming
        due or one expiring (None if nothing is scheduled). One query reading one row from each of
        two indexes (portal/caching.py asks when it starts a content generation, so that no cached
        page outlives that time)."""
        now = timezone.now()
        published = self.filter(status=Article.Status.PUBLISHED)
        due = published.filter(publish_at__gt=now).order_by("publish_at").values("publish_at")[:1]
        expiring = published.filter(expire_at__gt=now).order_by("expire_at").values("expire_at")[:1]
        due_sql, due_params = due.query.sql_with_params()
        expiring_sql, expiring_params = expiring.query.sql_with_params()
        with connections[self.db].cursor() as cursor:
            cursor.execute(f"SELECT ({due_sql}), ({expiring_sql})", [*due_params, *expiring_params])
            times = cursor.fetchone()
        return min((t for t in times if t is not None), default=None)

    def for_cards(self):
        """Load what a list card shows (author, unit, category) in the same query, and none of the
        large columns a card never shows (the body and the search documents)."""
        return self.select_related("author", "unit", "category", "category__parent").defer(
            *CARD_DEFERRED
        )

    def in_category(self, category, *, newest: int | None = None):
        """The articles of `category` (an instance or an id): the one definition of membership,
        used by its page, its home block, its feeds and their ETags, the search filter and its
        sitemap entry.

        An article belongs to a category when its primary category or one of its further
        categories is that category or one of its active descendants (Category.subtree_ids: an
        inactive sub-category, and everything under it, is hidden from readers, so its articles
        are not listed under its parent unless they are filed there too).

        `newest`: only the `newest` newest members are needed (a page, a block, a feed): then each
        category of the subtree is read from the index (category, status, -publish_at) and stops
        after `newest` rows, so the cost follows `newest`, never the size of the archive; the
        articles filed in the subtree as a further category are all read (index on category) and
        sorted (at 100,000 articles with 2 % filed twice: ~300 rows, 1-5 ms a category). The
        result holds at most `newest` articles, in no order: order (and slice) after. Without it
        (search, where the full-text index leads): a filter (primary category in the subtree, or
        the id among those filed there as a further category)."""
        ids = Category.objects.subtree_ids(category)
        if newest is not None:
            return self._newest_in(ids, limit=newest)
        # `id = ANY(ARRAY(…))`: the further categories' articles read once (index on category),
        # then a bitmap of the primary key ORed with the category index's, ANDed with the search
        # index's, and the planner estimates the share of matches right (search sizes its window
        # on it). Measured at 100,000 articles: an EXISTS or an `id IN (…)` were estimated at half
        # the table (6 more statements to size the window, the count 2-3x slower), and an
        # `id IN (… UNION …)` took 2 s.
        extra = Article.extra_categories.through.objects.filter(category_id__in=ids)
        return self.filter(Q(category_id__in=ids) | in_subquery("pk", extra.values("article_id")))

    def _newest_in(self, category_ids, *, limit: int):
        """Those of this queryset's articles that are among the `limit` newest whose primary
        category, or one of whose further categories, is one of `category_ids`: one UNION ALL of
        index reads that stop after `limit` rows each, whose (id, publish_at) rows are merged,
        counted once and cut to the `limit` newest inside the database, so the outer query probes
        `limit` ids by primary key (a parent with three sub-categories, page 50: 1,001 probes, not
        the up to 5,005 rows of the union: 4 categories and the further categories' part)."""
        base = self.order_by("-publish_at", "-id").values("id", "publish_at")
        parts = [base.filter(category_id=pk)[:limit] for pk in category_ids]
        if not parts:
            return self.none()
        # (distinct: an article filed as a further category in two categories of the subtree is
        # one row, not two taking two of the `limit` places)
        parts.append(base.filter(extra_categories__in=category_ids).distinct()[:limit])
        try:
            union_sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
        except EmptyResultSet:  # nothing can match (limit 0, or this queryset is none())
            return self.none()
        newest = RawSQL(
            f"ARRAY(SELECT u.id FROM ({union_sql}) u GROUP BY u.id, u.publish_at"
            " ORDER BY u.publish_at DESC, u.id DESC LIMIT %s)",
            (*params, limit),
            output_field=ArrayField(models.IntegerField()),
        )
        return self.filter(_AnyOf(models.F("pk"), newest))

    def related_to(self, article):
        """ "Có thể bạn quan tâm" of `article`: this queryset's articles among the list ranked for
        it (articles.related: the editor's picks, then those sharing most tags, then its category),
        best first. Chain it on published() (a short read by id of at most related.STORED rows;
        the list is one parameter, so the statement has one shape: portal/prepared.py)."""
        from . import related

        ids = related.ids_for(article)
        rank = Func(_int_array(ids), models.F("pk"), function="array_position")
        return self.filter(ids_in("pk", ids)).alias(related_rank=rank).order_by("related_rank")

    def other_news(self, article, *, excluding=None):
        """ "Các tin khác" of `article`: older articles of its primary category, newest first, read
        in order from the index (category, status, -publish_at) from its own time downwards; never
        the article itself, nor those of `excluding` (ids or a queryset of ids: what the page shows
        above it, see articles.widgets.article_end). Chain it on published()."""
        when = article.publish_at or timezone.now()  # a draft in preview: no publication time yet
        queryset = (
            self.filter(category_id=article.category_id, publish_at__lte=when)
            .exclude(pk=article.pk)
            .filter(Q(publish_at__lt=when) | Q(publish_at=when, id__lt=article.pk))
        )
        nothing = excluding is None or (hasattr(excluding, "query") and excluding.query.is_empty())
        if not nothing:
            queryset = queryset.exclude(pk__in=excluding)
        return queryset.recent()

    def with_reader_lists(self):
        """Each article's tags and related links in the same query, as JSON arrays (read through
        Article.reader_tags and Article.reader_links), instead of one more query for each."""
        tags = (
            TaggedArticle.objects.filter(content_object=OuterRef("pk"))
            .order_by("id")
            .values(json=JSONObject(name="tag__name", slug="tag__slug"))
        )
        links = (
            RelatedLink.objects.filter(article=OuterRef("pk"))
            .order_by("order", "id")
            .values(json=JSONObject(title="title", url="url"))
        )
        return self.annotate(tags_json=ArraySubquery(tags), links_json=ArraySubquery(links))

    def most_viewed(self):
        """All-time most viewed (index on view_count); the sidebar's recent windows are summed from
        the daily counts in articles.widgets.most_viewed."""
        return self.filter(view_count__gt=0).order_by("-view_count", "-publish_at")

    def pickable_by(self, user):
        """Articles `user` may pick as related: editors any; authors published ones and their
        own."""
        if user.has_perm("articles.publish_article"):
            return self
        own = Article.objects.editable_by(user).values("pk")
        return self.filter(Q(pk__in=Article.objects.published().values("pk")) | Q(pk__in=own))

    def editable_by(self, user):
        """Articles `user` may open in the admin: everything for editors, their own for authors."""
        if user.has_perm("articles.publish_article"):
            return self
        return self.filter(Q(created_by=user) | Q(author__user=user))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    title = models.CharField(_("title"), max_length=300)
    # Not unique: the address ends in the article's id, which finds it
    # (/<category>/<slug>-<id>.html).
    # A uniqueness error would tell an author that someone else's hidden draft uses this slug.
    slug = SlugField(
        _("slug"), max_length=200, help_text=_("The article's address, filled in from the title.")
    )
    lead = models.TextField(
        _("lead"), help_text=_("One paragraph shown in bold above the body and in lists.")
    )
    body = RichTextField(_("body"), config_name="default")
    # JPEG, PNG, GIF or WebP within the size limits, stored re-encoded (portal/imagecheck.py).
    cover_image = CheckedImageField(
        _("cover image"),
        upload_to="covers/%Y/%m/",
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        help_text=_(
            "JPEG, PNG, GIF or WebP, up to the size limit; stored without its metadata "
            "(GPS position, camera)."
        ),
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        _("cover alt text"),
        max_length=255,
        blank=True,
        help_text=_("Describes the image for readers who cannot see it."),
    )
    cover_caption = models.CharField(_("cover caption"), max_length=500, blank=True)
    cover_credit = models.CharField(
        _("cover credit"), max_length=200, blank=True, help_text=_("e.g. Photo: Nguyễn Văn A")
    )
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="articles"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Leave empty to use the author's unit."),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("primary category"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    extra_categories = models.ManyToManyField(
        Category, verbose_name=_("further categories"), blank=True, related_name="extra_articles"
    )
    tags = TaggableManager(verbose_name=_("tags"), through=TaggedArticle, blank=True)
    related_articles = models.ManyToManyField(
        "self",
        verbose_name=_("related articles"),
        through="RelatedArticle",
        symmetrical=False,
        blank=True,
        related_name="picked_by",
    )
    # "Có thể bạn quan tâm", ranked when the article, its tags or its picks change
    # (articles.related); NULL until first ranked.
    related_ids = ArrayField(models.IntegerField(), null=True, blank=True, editable=False)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown at the top of the home page.")
    )
    view_count = models.PositiveIntegerField(
        _("views"), default=0, editable=False
    )  # total, kept by the view beacon
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # Folded (no tone marks) title/lead+tags/body, weighted A/B/C; kept by save() and tag changes.
    search_document = SearchVectorField(null=True, editable=False)
    # Only its title and lead+tags part (small, kept in the row): what ranking reads.
    search_head = SearchVectorField(null=True, editable=False)
    # The same title and lead+tags, lower-cased but NOT folded (tone marks kept): exact-word
    # ranking.
    search_exact = SearchVectorField(null=True, editable=False)
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article."),
    )
    expire_at = models.DateTimeField(
        _("expire at"),
        null=True,
        blank=True,
        help_text=_("Optional: readers stop seeing the article at this time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optimistic locking (issue 9): every saved edit or status change adds one; a form or a list
    # opened on an older number is refused (newsroom/conflicts.py).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The trash (issue 9): a deleted article keeps its row, revisions and status history until
    # `manage.py purge_trash` removes it after 30 days. Only unpublished articles can be trashed,
    # so readers never see one (published() needs status "published").
    deleted_at = models.DateTimeField(_("moved to trash"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved to trash by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    # Columns written by their own UPDATEs (view beacon, search index), never by saving an edit.
    KEPT_ELSEWHERE = frozenset({"view_count", "search_document", "search_head", "search_exact"})

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="article_status_publish_idx"),
            GinIndex(fields=["search_document"], name="article_search_gin"),  # full-text search
            models.Index(
                fields=["-view_count"], name="article_view_count_idx"
            ),  # all-time "most viewed"
            # a category's articles, newest first ("Các tin khác", category pages), read in order;
            # with the id and the expiry in the index, a page's (id, time) rows are read from it
            # alone (page 50 checks 1,000 of them: 1,015 row reads before, at 100,000 articles)
            models.Index(
                fields=["category", "status", "-publish_at"],
                include=["id", "expire_at"],
                name="article_cat_status_pub_idx",
            ),
            # the home page's featured stories, newest first (few rows: a partial index)
            models.Index(
                fields=["-publish_at"],
                name="article_featured_pub_idx",
                condition=Q(is_featured=True),
            ),
            # an author's and a unit's pages, newest first, read in order
            models.Index(
                fields=["author", "status", "-publish_at"], name="article_author_status_pub_idx"
            ),
            models.Index(
                fields=["unit", "status", "-publish_at"], name="article_unit_status_pub_idx"
            ),
            # the newest edit and the newest expiry (sitemap and feed fingerprints) read one row
            models.Index(fields=["-updated_at"], name="article_updated_idx"),
            # whether readers may see an article, from the index alone (no read of its wide row):
            # the capped count of a tag's articles checks up to 1,001 of them (at 100,000
            # articles, a tag on 2 % of them: 10-13 ms reading the rows, 1-2 ms from this index)
            models.Index(
                fields=["id"],
                include=["status", "publish_at", "expire_at"],
                name="article_visible_idx",
            ),
            models.Index(
                fields=["-expire_at"],
                name="article_expire_idx",
                condition=Q(expire_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_REGEX), name="article_slug_format")
        ]
        permissions = [
            ("publish_article", _("Can review, schedule, publish and unpublish articles"))
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify_vi(self.slug or self.title) or "bai-viet"
        if self.unit_id is None and self.author_id is not None:
            self.unit_id = (
                Author.objects.filter(pk=self.author_id).values_list("unit_id", flat=True).first()
            )
        if (
            not self._state.adding
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            # An edit must not write back the counters it loaded: views counted meanwhile would be
            # lost.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in self.KEPT_ELSEWHERE
            ]
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"title", "lead", "body"} & set(update_fields):
            from .search_index import update_search_document

            update_search_document(self)  # searchable (or changed) at once, in the same transaction

    def get_absolute_url(self):
        return reverse(
            "articles:detail",
            kwargs={"category": self.category.slug, "slug": self.slug, "pk": self.pk},
        )

    def upcoming_changes(self) -> list:
        """When this article will appear or disappear for readers without being saved again (what a
        save left unloaded did not change, so it is not read)."""
        if {
            "status",
            "publish_at",
            "expire_at",
        } & self.get_deferred_fields() or self.status != Article.Status.PUBLISHED:
            return []
        now = timezone.now()
        return [
            when for when in (self.publish_at, self.expire_at) if when is not None and when > now
        ]

    @cached_property
    def reader_tags(self) -> list["Tag"]:
        """The article's tags (unsaved instances with name and slug when loaded by
        ArticleQuerySet.with_reader_lists, else read now)."""
        if hasattr(self, "tags_json"):
            return [Tag(name=t["name"], slug=t["slug"]) for t in self.tags_json or []]
        return list(self.tags.all())

    @cached_property
    def reader_links(self) -> list["RelatedLink"]:
        """The editor's related links, in order (see reader_tags)."""
        if hasattr(self, "links_json"):
            return [
                RelatedLink(title=link["title"], url=link["url"]) for link in self.links_json or []
            ]
        return list(self.related_links.all())

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            errors["publish_at"] = _(
                "Give a publication time to publish or schedule this article "
                "(click “Today” and “Now” to publish at once)."
            )
        if self.expire_at and self.publish_at and self.expire_at <= self.publish_at:
            errors["expire_at"] = _("The expiry time must be after the publication time.")
        if self.cover_image and not self.cover_alt.strip():
            errors["cover_alt"] = _(
                "Describe the cover image in the alt text; readers using screen readers need it."
            )
        from medialib.inline import (
            images_without_alt,  # issue 13: every image in the body is described
        )

        if images_without_alt(self.body):
            errors["body"] = _(
                "Describe every image in the body: select it and fill in its text alternative; "
                "readers using screen readers need it."
            )
        if errors:
            raise ValidationError(errors)

    def is_published(self) -> bool:
        """Mirrors ArticleQuerySet.published() for one article."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    is_published.boolean = True
    is_published.short_description = _("visible")

    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def byline_unit(self):
        return self.unit or (self.author.unit if self.author_id else None)


class RelatedLink(models.Model):
    """A link picked by the editor, to an article of this site or to another website."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(
        _("address"),
        max_length=500,
        help_text=_("A full address (https://…) or an address on this site (/…)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("related link")
        verbose_name_plural = _("related links")

    def __str__(self):
        return self.title

    def clean(self):
        if self.url.startswith("/") and url_has_allowed_host_and_scheme(
            self.url, allowed_hosts=None
        ):
            return  # an address on this site ("//host" and "/\\host" are other sites to a browser)
        try:
            URLValidator(schemes=["http", "https"])(self.url)
        except ValidationError:
            raise ValidationError(
                {
                    "url": _(
                        "Enter a full address starting with https:// or an address on this site "
                        "starting with /."
                    )
                }
            ) from None


class RelatedArticle(models.Model):
    """An article the editor picked for "Có thể bạn quan tâm", in order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="picks")
    related = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_article_once"),
            models.CheckConstraint(
                condition=~Q(article=models.F("related")), name="related_article_not_self"
            ),
        ]
        verbose_name = _("related article")
        verbose_name_plural = _("related articles (editor's picks)")

    def __str__(self):
        return str(self.related)

    def clean(self):
        if self.article_id and self.article_id == self.related_id:
            raise ValidationError({"related": _("An article cannot be related to itself.")})


class StatusChange(models.Model):
    """Who moved an article to which status, and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=12, choices=Article.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=Article.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("at"), default=timezone.now)
    # The author's note on submitting, or the editor's reason for sending an article back.
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


class WebsiteLink(models.Model):
    """A link to another website, for the "Liên kết website" block."""

    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("website link")
        verbose_name_plural = _("website links")

    def __str__(self):
        return self.title


class DailyViews(models.Model):
    """Views of one article on one day (Vietnam time), counted by the page's beacon."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="daily_views_once_a_day")
        ]
        # "Most viewed" reads the rows of the last days from this index, never every view, and
        # each day's most viewed articles from the second one (articles.widgets.most_viewed).
        indexes = [
            models.Index(fields=["day", "article", "count"], name="daily_views_day_idx"),
            models.Index(fields=["day", "-count", "article"], name="daily_views_day_count_idx"),
        ]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.count}"


class PendingView(models.Model):
    """One counted view not yet added to its article's total and day (articles/viewbuffer.py):
    the buffer used without Redis, or while it is down. Beacons only INSERT here (no lock on the
    article's row, no row shared by two beacons); a flush deletes the rows and adds them up.

    `article_id` is a plain number, not a foreign key: a key would make every INSERT lock the
    article's row (FOR KEY SHARE), which is what buffering avoids. Views of an article deleted
    meanwhile are dropped by the flush (it joins on the articles that still exist)."""

    article_id = models.BigIntegerField()
    day = models.DateField()  # Vietnam time, when the view was counted
    count = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("pending view")
        verbose_name_plural = _("pending views")
        # The beacon's answer adds this article's pending views to its total.
        indexes = [models.Index(fields=["article_id"], name="pending_view_article_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.count}"


class ViewFlush(models.Model):
    """A batch of views from Redis already added to the database (articles/viewbuffer.py): written
    in the same transaction as the counts, so a batch left in Redis by a crash after that commit
    is deleted, not counted twice. Rows older than a day are deleted by the flush."""

    batch_id = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("view flush")
        verbose_name_plural = _("view flushes")

    def __str__(self):
        return f"{self.batch_id} {self.flushed_at:%Y-%m-%d %H:%M:%S}"


# Search documents include tag names: keep them right when tags are set, removed or renamed.
@receiver(m2m_changed, sender=TaggedArticle)
def _reindex_after_tagging(sender, instance, action, reverse, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Article):
        from .search_index import update_search_document

        update_search_document(instance)


@receiver(post_save, sender=Tag)
def _reindex_after_tag_rename(sender, instance, created, **kwargs):
    if not created:
        from .search_index import update_search_document

        for article in Article.objects.filter(tagged_items__tag=instance).only(
            "title", "lead", "body"
        ):
            update_search_document(article)
