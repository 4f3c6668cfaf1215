import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations


def fill_search_documents(apps, schema_editor):
    """Index the articles that exist already (same folding as articles.search_index)."""
    from articles.search_index import document_expression, document_parts

    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    for article in Article.objects.only("title", "lead", "body").iterator(chunk_size=500):
        names = TaggedArticle.objects.filter(content_object_id=article.pk).values_list(
            "tag__name", flat=True
        )
        parts = document_parts(article, list(names))
        Article.objects.filter(pk=article.pk).update(search_document=document_expression(*parts))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_reader_view_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="article_search_gin"
            ),
        ),
        migrations.RunPython(fill_search_documents, migrations.RunPython.noop),
    ]
