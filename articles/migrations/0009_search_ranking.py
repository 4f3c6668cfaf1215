import unicodedata

import django.contrib.postgres.search
from django.db import migrations

BATCH = 1000


def _exact(text):
    """Lower case, NFC, stray combining marks dropped; tone marks KEPT (as articles.search_index
    does)."""
    composed = unicodedata.normalize("NFC", text or "")
    return "".join(ch for ch in composed if not unicodedata.combining(ch)).lower()


def fill_search_exact(apps, schema_editor):
    """Fill `search_exact` of the existing articles, 1,000 at a time (one UPDATE per batch)."""
    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    connection = schema_editor.connection
    last = 0
    while True:
        rows = list(
            Article.objects.filter(pk__gt=last, search_exact__isnull=True)
            .order_by("pk")
            .values_list("pk", "title", "lead")[:BATCH]
        )
        if not rows:
            return
        last = rows[-1][0]
        tags = {}
        for article_id, name in TaggedArticle.objects.filter(
            content_object_id__in=[row[0] for row in rows]
        ).values_list("content_object_id", "tag__name"):
            tags.setdefault(article_id, []).append(name)
        values, params = [], []
        for pk, title, lead in rows:
            values.append("(%s, %s, %s)")
            lead_and_tags = " ".join([lead or "", ". ".join(tags.get(pk, []))])
            params += [pk, _exact(title), _exact(lead_and_tags)]
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE articles_article AS a SET search_exact = "
                "setweight(to_tsvector('simple', v.title), 'A') || "
                "setweight(to_tsvector('simple', v.lead), 'B') "
                f"FROM (VALUES {', '.join(values)}) AS v (id, title, lead) WHERE a.id = v.id",
                params,
            )


class Migration(migrations.Migration):
    """Exact-word ranking: title and lead+tags lower-cased with their tone marks kept.

    Ranking puts articles that contain the words as typed, marks included ("số"), before those
    that match only once folded ("sở"). It is read only for the bounded set of candidates that are
    ranked, so it needs no index.
    """

    dependencies = [
        ("articles", "0008_reader_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_exact",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_search_exact, migrations.RunPython.noop, elidable=True),
    ]
