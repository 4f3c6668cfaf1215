import django.contrib.postgres.search
from django.db import migrations


class Migration(migrations.Migration):
    """The title and lead+tags part of the search document, which ranking reads.

    The whole document is large and lives in the TOAST table; ranking every match from it cost
    about ten buffer reads per article and made common queries on 100,000 articles several times
    slower (see bench/search_bench.py).
    """

    dependencies = [
        ("articles", "0004_search_document"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_head",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunSQL(
            "UPDATE articles_article SET search_head = ts_filter(search_document, '{a,b}') "
            "WHERE search_document IS NOT NULL",
            migrations.RunSQL.noop,
        ),
    ]
