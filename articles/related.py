""" "Có thể bạn quan tâm" (related articles): ranked when an article changes, read by its page.

The rule, in order: the editor's picks (in their order), then the articles sharing most of its
tags, then those of its category, newest first; never the article itself, never one that readers
cannot see.

Ranking reads a bounded candidate set, whatever the size of the archive: every pick, the
PER_TAG newest articles of each of its tags (index tagged_tag_article_idx) and the SAME_CATEGORY
newest of its category (index article_cat_status_pub_idx). The STORED best ids are kept on the
article (`Article.related_ids`) when it is saved, its tags change or its picks change (after the
transaction commits, once per article); readers get them through the queryset,
`Article.objects.published().related_to(article)`: a short read by id that drops any that readers
can no longer see (unpublished, expired, not yet due). The article page reads them with "Các tin
khác" (`ArticleQuerySet.other_news`, which never repeats them) in one query
(articles.widgets.article_end).

An older article's list is not ranked again when a newer article appears: it keeps the related
articles it had (run `manage.py refresh_related` to rank every article again, e.g. after an
import). An article whose list was never ranked (NULL, e.g. before the migration filled it) is
ranked on its first view.
"""

import threading

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from .models import Article, RelatedArticle, TaggedArticle

SHOWN = 6  # cards on the page
STORED = 12  # kept per article: room for a few that are later unpublished
PER_TAG = 50
SAME_CATEGORY = 20

# One statement ranks a batch of articles (one on save, a thousand in refresh_related). Candidates
# must be published and not expired; a scheduled one is kept (it shows once it is due).
RANK_SQL = """
WITH src AS (
    SELECT id, category_id FROM articles_article WHERE id = ANY(%(ids)s)
),
candidates AS (
    SELECT s.id AS src, p.related_id AS cid, p."order" AS pick
      FROM src s JOIN articles_relatedarticle p ON p.article_id = s.id
    UNION ALL
    SELECT s.id, t.cid, NULL
      FROM src s JOIN articles_taggedarticle mine ON mine.content_object_id = s.id
     CROSS JOIN LATERAL (
        SELECT x.content_object_id AS cid FROM articles_taggedarticle x
         WHERE x.tag_id = mine.tag_id ORDER BY x.content_object_id DESC LIMIT %(per_tag)s) t
    UNION ALL
    SELECT s.id, c.id, NULL
      FROM src s CROSS JOIN LATERAL (
        SELECT y.id FROM articles_article y
         WHERE y.category_id = s.category_id AND y.status = %(published)s
         ORDER BY y.publish_at DESC, y.id DESC LIMIT %(same_category)s) c
),
ranked AS (
    SELECT c.src, c.cid, row_number() OVER (
               PARTITION BY c.src
               ORDER BY min(c.pick) ASC NULLS LAST,
                        (SELECT count(*) FROM articles_taggedarticle ta
                           JOIN articles_taggedarticle tb ON tb.tag_id = ta.tag_id
                          WHERE ta.content_object_id = c.src AND tb.content_object_id = c.cid) DESC,
                        (a.category_id = s.category_id) DESC,
                        a.publish_at DESC, a.id DESC) AS position
      FROM candidates c
      JOIN src s ON s.id = c.src
      JOIN articles_article a ON a.id = c.cid
     WHERE c.cid <> c.src AND a.status = %(published)s
       AND (a.expire_at IS NULL OR a.expire_at > now())
     GROUP BY c.src, c.cid, s.category_id, a.category_id, a.publish_at, a.id
)
UPDATE articles_article article
   SET related_ids = coalesce(
         (SELECT array_agg(r.cid ORDER BY r.position) FROM ranked r
           WHERE r.src = article.id AND r.position <= %(stored)s), '{}')
 WHERE article.id = ANY(%(ids)s)
RETURNING article.id, article.related_ids
"""


def refresh(ids) -> dict[int, list[int]]:
    """Rank the articles `ids` again and store their lists; returns {id: related ids}."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    params = {
        "ids": ids,
        "per_tag": PER_TAG,
        "same_category": SAME_CATEGORY,
        "stored": STORED,
        "published": Article.Status.PUBLISHED,
    }
    with connection.cursor() as cursor:
        cursor.execute(RANK_SQL, params)
        return dict(cursor.fetchall())


def ids_for(article: Article) -> list[int]:
    """The stored list of `article` (ranked now and kept when it never was), best first; the page
    shows the first SHOWN of them that readers may see (ArticleQuerySet.related_to)."""
    if article.related_ids is None:  # never ranked (an article older than the stored lists)
        article.related_ids = refresh([article.pk]).get(article.pk, [])
    return [pk for pk in article.related_ids if pk != article.pk]


# --- keeping the lists current -----------------------------------------------------------------

_pending = threading.local()


def schedule(article_id: int | None) -> None:
    """Rank `article_id` again once the current transaction commits (at once outside one)."""
    if not article_id:
        return
    if not connection.in_atomic_block:
        refresh([article_id])
        return
    waiting = getattr(_pending, "ids", None)
    if waiting is None:
        waiting = _pending.ids = set()
    waiting.add(article_id)
    # The first callback to run ranks every waiting article; the later ones find nothing to do.
    # (After a rollback the callbacks are dropped; ids left waiting are ranked at the next commit.)
    transaction.on_commit(_flush)


def _flush() -> None:
    ids, _pending.ids = getattr(_pending, "ids", set()), set()
    if not ids:
        return
    existing = list(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    refresh(existing)


def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(instance.pk)


def _link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(instance.article_id if sender is RelatedArticle else instance.content_object_id)


post_save.connect(_article_saved, sender=Article, dispatch_uid="related-article-saved")
for _model in (RelatedArticle, TaggedArticle):
    post_save.connect(_link_changed, sender=_model, dispatch_uid=f"related-{_model.__name__}-saved")
    post_delete.connect(
        _link_changed, sender=_model, dispatch_uid=f"related-{_model.__name__}-deleted"
    )
