from axes.utils import reset
from django.core.management.base import BaseCommand

from portal.login import normalise_address


class Command(BaseCommand):
    help = (
        "Lift a sign-in lock at once: give user names and/or addresses (an IPv6 address stands "
        "for its /64, as the throttle counts it). Forgets the failed attempts recorded for them."
    )

    def add_arguments(self, parser):
        parser.add_argument("targets", nargs="+", metavar="username|address")

    def handle(self, *args, targets, **options):
        for target in targets:
            address = normalise_address(target)
            if address is not None:
                count = reset(ip=address)
                what = f"address {address}"
            else:
                count = reset(username=target)
                what = f"account “{target}”"
            if count:
                self.stdout.write(f"Unlocked {what}: {count} failed-attempt record(s) removed.")
            else:
                self.stdout.write(f"Nothing to unlock for {what}: no failed attempts recorded.")
