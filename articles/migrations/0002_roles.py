"""The newsroom's roles as groups: Authors, Editors, Moderators (see README, "Roles")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Authors": [
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.add_relatedlink",
        "articles.change_relatedlink",
        "articles.delete_relatedlink",
        "articles.view_relatedlink",
        "articles.add_relatedarticle",
        "articles.change_relatedarticle",
        "articles.delete_relatedarticle",
        "articles.view_relatedarticle",
        "articles.view_category",
        "articles.view_unit",
        "articles.view_author",
        "articles.view_tag",
        "articles.add_tag",
    ],
    "Editors": [
        f"articles.{action}_{model}"
        for model in [
            "article",
            "relatedlink",
            "relatedarticle",
            "category",
            "unit",
            "author",
            "tag",
            "websitelink",
            "taggedarticle",
        ]
        for action in ["add", "change", "delete", "view"]
    ]
    + ["articles.publish_article", "articles.view_statuschange"],
    # Moderators see reader feedback only; the feedback app grants its permissions to this group.
    "Moderators": [],
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
