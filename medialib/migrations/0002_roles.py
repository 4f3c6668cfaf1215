"""The newsroom's roles may use the media library: authors upload and attach, editors also
delete."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["image", "document", "articledocument", "galleryitem"]
ROLES = {
    "Authors": [
        f"media.{action}_{model}" for model in MODELS for action in ["add", "change", "view"]
    ]
    + ["media.delete_articledocument", "media.delete_galleryitem"],
    "Editors": [
        f"media.{action}_{model}"
        for model in MODELS
        for action in ["add", "change", "delete", "view"]
    ],
}


def grant(apps, schema_editor):
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


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="media"))


class Migration(migrations.Migration):
    dependencies = [("media", "0001_initial"), ("articles", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
