"""Tag links keep their article's publish_at, so a tag's pages read one index newest first.

The copy is kept by PostgreSQL, not by Django's signals, so that nothing can make it stale: a link
takes its article's time when it is inserted (taggit, the admin, COPY), and a change of an
article's publish_at (save, queryset.update() from a shell, raw SQL) is copied to its links in the
same statement's transaction.
"""

from django.db import migrations, models

TRIGGERS = """
CREATE FUNCTION articles_tagged_link_publish_at() RETURNS trigger AS $$
BEGIN
    NEW.publish_at := (SELECT publish_at FROM articles_article WHERE id = NEW.content_object_id);
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER articles_tagged_link_publish_at
    BEFORE INSERT OR UPDATE ON articles_taggedarticle
    FOR EACH ROW EXECUTE FUNCTION articles_tagged_link_publish_at();

CREATE FUNCTION articles_article_publish_at_to_links() RETURNS trigger AS $$
BEGIN
    UPDATE articles_taggedarticle SET publish_at = NEW.publish_at
        WHERE content_object_id = NEW.id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER articles_article_publish_at_to_links
    AFTER UPDATE OF publish_at ON articles_article
    FOR EACH ROW WHEN (OLD.publish_at IS DISTINCT FROM NEW.publish_at)
    EXECUTE FUNCTION articles_article_publish_at_to_links();

UPDATE articles_taggedarticle AS link SET publish_at = article.publish_at
    FROM articles_article AS article WHERE article.id = link.content_object_id;
"""

DROP_TRIGGERS = """
DROP TRIGGER articles_article_publish_at_to_links ON articles_article;
DROP FUNCTION articles_article_publish_at_to_links();
DROP TRIGGER articles_tagged_link_publish_at ON articles_taggedarticle;
DROP FUNCTION articles_tagged_link_publish_at();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_reader_indexes_cover_their_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="taggedarticle",
            name="publish_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunSQL(TRIGGERS, DROP_TRIGGERS),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(
                fields=["tag", "-publish_at", "-content_object"], name="tagged_tag_publish_idx"
            ),
        ),
    ]
