"""Benchmark data: a separate database filled with N realistic Vietnamese articles (shared by the
benchmarks in bench/).

    .venv/bin/python bench/generate.py --articles 2000              # portal_bench_2k
    .venv/bin/python bench/generate.py --articles 100000            # portal_bench_100k
    .venv/bin/python bench/generate.py --articles 2000 --migrate    # only apply new migrations
    .venv/bin/python bench/generate.py --articles 2000 --drop       # remove that database

The database is never the project's own: it is called portal_bench_2k, portal_bench_100k, …
(BENCH_DATABASE_NAME overrides the name), on the same PostgreSQL server as the project (the
embedded one, or the server of DATABASE_URL). `migrate` runs on it first, every time, so indexes
added to the project's migrations are picked up; the articles are generated again only when their
number differs (or with --regenerate).

What is generated (with a fixed seed, so 2,000 and 100,000 are alike but for their size):
articles of about 600 words of news Vietnamese (title, lead, 5–8 paragraphs) from a vocabulary
where a few topics are far more common than others; 4 units, 40 authors, 20 categories (6 top-level,
14 children); 2–4 of 50 tags per article with skewed popularity (the first tags carry a large
share); publish dates spread over ten years (95 % published, a few scheduled, the rest drafts); a
few featured articles; per-day view counts for the last year (articles_dailyviews: a burst after
publication, then the long tail of search engines: any article is read on 5 % of days; at 100,000
articles that is 1.9 M rows, ~75,000 articles read in the last 30 days) and all-time totals
(view_count); approved feedback, with some answers, under about
3 % of the articles (plus some new and spam); and the search columns, filled in SQL as
articles.search_index does. Rows are loaded with COPY: 100,000 articles take a few minutes.
"""

import argparse
import hashlib
import io
import math
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")


def default_database_name(articles: int) -> str:
    """portal_bench_2k, portal_bench_100k, … unless BENCH_DATABASE_NAME is set."""
    if os.environ.get("BENCH_DATABASE_NAME"):
        return os.environ["BENCH_DATABASE_NAME"]
    size = f"{articles // 1000}k" if articles % 1000 == 0 else str(articles)
    return f"portal_bench_{size}"


# Words of news Vietnamese (written for this benchmark): filler that every article uses, and topics
# whose words only the articles on that topic use, so that a query matches a realistic share.
FILLER = [
    w.strip()
    for w in """
tỉnh, huyện, xã, thôn, người dân, cán bộ, nhân dân, công tác, phát triển, kinh tế, năm, kế hoạch,
chỉ tiêu, hoàn thành, triển khai, nhiệm vụ, hội nghị, tổng kết, đánh giá, kết quả, địa phương,
chính quyền, tổ chức, thực hiện, nâng cao, hiệu quả, tăng cường, đẩy mạnh, quan tâm, chỉ đạo,
của, và, cho, với, tại, trong, được, các, những, đã, sẽ, đang, này, trên địa bàn, theo, từ, đến,
về, có, không, là, một, nhiều, ngày, tháng, đồng chí, lãnh đạo, ủy ban, sở, ngành, đơn vị
""".replace("\n", " ").split(",")
]
TOPICS = [
    [w.strip() for w in topic.split(",")]
    for topic in """
nông thôn mới, tiêu chí, đường bê tông, nhà văn hóa, hiến đất mở đường
giao thông, tuyến đường, cầu treo, an toàn giao thông, tai nạn
đảng viên, chi bộ, kết nạp, xây dựng Đảng, huy hiệu
chuyển đổi số, dịch vụ công trực tuyến, chính quyền điện tử, mạng xã hội, an toàn thông tin
giáo dục, học sinh, giáo viên, trường học, kỳ thi
y tế, bệnh viện, trạm y tế, y tế cơ sở, bảo hiểm y tế
bảo hiểm xã hội, lương hưu, người lao động, việc làm, đào tạo nghề
hộ nghèo, cận nghèo, giảm nghèo, sinh kế, hỗ trợ
du lịch cộng đồng, homestay, di tích, lễ hội truyền thống, du khách
đồng bào dân tộc thiểu số, vùng cao, bản, già làng, trang phục
phòng chống thiên tai, lũ lụt, sạt lở, mưa lớn, miền núi
biên giới, quốc phòng, bộ đội biên phòng, cột mốc, dân quân
an ninh trật tự, công an, tội phạm, ma túy, pháp luật
cải cách hành chính, một cửa, thủ tục, hồ sơ, chỉ số hài lòng
hợp tác xã, sản xuất, liên kết, chuỗi giá trị, sản phẩm OCOP
cà phê, hồ tiêu, cao su, chè, tái canh
lúa, ngô, sắn, vụ đông xuân, thủy lợi
chăn nuôi, vật nuôi, dịch bệnh, tiêm phòng, gia súc
thủy sản, nuôi trồng, ngư dân, tàu cá, khai thác
an toàn thực phẩm, chợ, kiểm tra, vi phạm, xử phạt
môi trường, rác thải, nước sạch, ô nhiễm, trồng rừng
điện lưới, năng lượng, điện mặt trời, thủy điện, tiết kiệm điện
doanh nghiệp, đầu tư, khu công nghiệp, dự án, nhà đầu tư
khởi nghiệp, đổi mới sáng tạo, khoa học công nghệ, ý tưởng, thanh niên
văn hóa, văn nghệ, thể thao, giải đấu, vận động viên
phụ nữ, bình đẳng giới, hội liên hiệp phụ nữ, gia đình, trẻ em
cựu chiến binh, người có công, gia đình chính sách, thương binh, liệt sĩ
thi đua yêu nước, khen thưởng, biểu dương, gương điển hình, tiên tiến
ngân sách, thu ngân sách, thuế, nguồn vốn, giải ngân
xuất khẩu, thị trường, giá cả, hàng hóa, tiêu thụ
""".strip().splitlines()
]
SENTENCE_ENDS = [".", ".", ".", ",", ";"]


UNITS = [
    "Ban Tuyên giáo tỉnh",
    "Sở Thông tin và Truyền thông",
    "Đài Phát thanh - Truyền hình",
    "Báo tỉnh",
]
TOP_CATEGORIES = ["Thời sự", "Kinh tế", "Xã hội", "Văn hóa", "Pháp luật", "Quốc phòng - An ninh"]
CHILD_CATEGORIES = [
    ("Thời sự", "Chính trị"),
    ("Thời sự", "Xây dựng Đảng"),
    ("Kinh tế", "Nông nghiệp"),
    ("Kinh tế", "Doanh nghiệp"),
    ("Kinh tế", "Đầu tư"),
    ("Xã hội", "Giáo dục"),
    ("Xã hội", "Y tế"),
    ("Xã hội", "Lao động - Việc làm"),
    ("Văn hóa", "Du lịch"),
    ("Văn hóa", "Thể thao"),
    ("Pháp luật", "An ninh trật tự"),
    ("Pháp luật", "Cải cách hành chính"),
    ("Quốc phòng - An ninh", "Biên giới"),
    ("Quốc phòng - An ninh", "Dân quân tự vệ"),
]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN_NAMES = [
    "Văn An",
    "Thị Bình",
    "Minh Châu",
    "Quốc Dũng",
    "Thu Hà",
    "Đức Hải",
    "Thanh Hương",
    "Ngọc Lan",
    "Hoàng Long",
    "Thị Mai",
    "Văn Nam",
    "Bảo Ngọc",
    "Hữu Phúc",
    "Thị Quỳnh",
]
FEEDBACK_TEXTS = [
    "Cảm ơn tòa soạn đã phản ánh kịp thời, đề nghị chính quyền địa phương sớm giải quyết.",
    "Bài viết rất hay và bổ ích, mong có thêm nhiều bài viết về chủ đề này.",
    "Tôi là người dân ở xã, xin phản ánh thêm: con đường vào thôn đã xuống cấp nhiều năm.",
    "Đề nghị tòa soạn cho biết thêm thông tin về thủ tục và thời gian thực hiện.",
]
TEN_YEARS_MINUTES = 10 * 365 * 24 * 60
# Stored in the table bench_generator of each bench database: data of another generator version
# (or of another tool that used the same database name) is generated again.
GENERATOR_VERSION = 1


def configure_database(name: str, *, drop: bool = False) -> None:
    """Point Django at the benchmark database `name` (created if missing) before anything
    connects; never the project's own database."""
    import portal.settings as project_settings

    database = project_settings.DATABASES["default"]
    if database["NAME"] == name:
        raise SystemExit(f"The project's own database is called {name!r}; set BENCH_DATABASE_NAME.")
    import psycopg2

    connect = {
        "dbname": "postgres",
        "user": database.get("USER") or None,
        "host": database.get("HOST") or None,
    }
    if database.get("PORT"):
        connect["port"] = database["PORT"]
    if database.get("PASSWORD"):
        connect["password"] = database["PASSWORD"]
    conn = psycopg2.connect(**connect)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            if drop:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
                raise SystemExit(f"dropped the benchmark database {name!r}")
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()
    database["NAME"] = name


class Vocabulary:
    """Words with their folded forms computed once (folding every generated text would be slow)."""

    def __init__(self):
        from articles.search_index import fold_query_text

        self.filler = [(w, fold_query_text(w)) for w in FILLER]
        self.topics = [[(w, fold_query_text(w)) for w in topic] for topic in TOPICS]
        # Some topics are in the news far more often than others.
        self.topic_weights = [1 / (rank + 3) for rank in range(len(self.topics))]

    def pick_topics(self, rng):
        first = rng.choices(range(len(self.topics)), weights=self.topic_weights)[0]
        second = rng.randrange(len(self.topics))
        return [self.topics[first]] + ([self.topics[second]] if rng.random() < 0.4 else [])

    def text(self, rng, topics, count, topical=0.3):
        shown, plain = [], []
        for n in range(count):
            word, folded = (
                rng.choice(rng.choice(topics))
                if rng.random() < topical
                else rng.choice(self.filler)
            )
            shown.append(word[:1].upper() + word[1:] if n == 0 else word)
            plain.append(folded)
        return " ".join(shown), " ".join(plain)


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy(cur, table: str, columns: list[str], rows) -> int:
    buffer = io.StringIO()
    count = 0
    for row in rows:
        buffer.write("\t".join(_copy_value(v) for v in row) + "\n")
        count += 1
    buffer.seek(0)
    cur.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    return count


def _row_defaults(model, skip, connection) -> dict:
    """Database values of the model's defaults for the concrete columns not in `skip` (so that
    columns added by other migrations get a value without this generator knowing them)."""
    template = model()
    return {
        f.column: f.get_db_prep_save(getattr(template, f.attname), connection)
        for f in model._meta.concrete_fields
        if f.column not in skip and not f.primary_key
    }


def generate(total: int, seed: int = 5) -> None:
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article, Author, Category, DailyViews, Tag, TaggedArticle, Unit
    from feedback.models import Feedback, PrivacyNotice
    from portal.text import slugify_vi

    rng = random.Random(seed)
    vocabulary = Vocabulary()
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE articles_article, articles_category, articles_author, articles_unit, "
            f"{Tag._meta.db_table}, {Feedback._meta.db_table}, {PrivacyNotice._meta.db_table} "
            "RESTART IDENTITY CASCADE"
        )
    units = [Unit.objects.create(name=name, slug=slugify_vi(name)) for name in UNITS]
    authors = [
        Author.objects.create(
            name=f"{FAMILY_NAMES[n % 10]} {GIVEN_NAMES[n % 14]}",
            slug=f"phong-vien-{n}",
            unit=units[n % len(units)],
        )
        for n in range(40)
    ]
    tops = {
        name: Category.objects.create(name=name, slug=slugify_vi(name), order=n)
        for n, name in enumerate(TOP_CATEGORIES)
    }
    children = [
        Category.objects.create(name=name, slug=slugify_vi(name), parent=tops[parent], order=n)
        for n, (parent, name) in enumerate(CHILD_CATEGORIES)
    ]
    categories = [*tops.values(), *children]
    category_weights = [1 / (rank + 2) for rank in range(len(categories))]
    # 50 tags named after topic words; tag n is about 1/(n+1) as popular as the first.
    tag_names = []
    for words in TOPICS:
        for word in words:
            if len(tag_names) < 50 and word not in tag_names:
                tag_names.append(word)
    tag_names = [tag_names[(n * 7) % len(tag_names)] for n in range(len(tag_names))]
    tags = [
        Tag.objects.create(name=name[:1].upper() + name[1:], slug=slugify_vi(name))
        for name in tag_names
    ]
    tag_weights = [1 / (rank + 1) for rank in range(len(tags))]
    notice = PrivacyNotice.objects.create(
        title="Chính sách bảo mật",
        body="Nội dung chính sách bảo mật.",
        effective_at=timezone.now() - timedelta(days=4000),
    )

    # Articles: staged with COPY together with their folded texts, then inserted with their search
    # columns computed in SQL (one statement, not one update per article).
    explicit = [
        "id",
        "title",
        "slug",
        "lead",
        "body",
        "author_id",
        "unit_id",
        "category_id",
        "status",
        "publish_at",
        "created_at",
        "updated_at",
        "is_featured",
        "view_count",
    ]
    search_columns = {"search_document", "search_head", "search_exact"}
    defaults = _row_defaults(Article, {*explicit, *search_columns}, connection)
    model_columns = {f.column for f in Article._meta.concrete_fields}
    staged = [*explicit, *defaults, "f_title", "f_lead", "f_body", "e_title", "e_lead"]
    now = timezone.now()
    today = timezone.localdate()
    buffer = io.StringIO()
    tagged, daily, visible = [], [], []
    for pk in range(1, total + 1):
        topics = vocabulary.pick_topics(rng)
        title, f_title = vocabulary.text(rng, topics, rng.randint(6, 10), topical=0.5)
        lead, f_lead = vocabulary.text(rng, topics, rng.randint(25, 40))
        paragraphs, f_paragraphs = [], []
        for _ in range(rng.randint(5, 8)):
            shown, plain = vocabulary.text(rng, topics, rng.randint(45, 70))
            paragraphs.append(f"<p>{shown}{rng.choice(SENTENCE_ENDS)}</p>")
            f_paragraphs.append(plain)
        roll = rng.random()
        status = "draft" if roll < 0.04 else "published"
        if roll > 0.99:  # scheduled: published, due within the next days
            moment = now + timedelta(minutes=rng.randint(60, 7 * 24 * 60))
        else:  # more news in recent years: the density grows towards today
            moment = now - timedelta(
                minutes=int(TEN_YEARS_MINUTES * (1 - math.sqrt(rng.random()))) + 1
            )
        article_tags = set()
        while len(article_tags) < rng.randint(2, 4):
            article_tags.add(rng.choices(range(len(tags)), weights=tag_weights)[0])
        tagged += [(tags[t].pk, pk) for t in sorted(article_tags)]
        # Views: a burst after publication that decays, per day for the last year; older ones only
        # in the all-time total.
        age_days = (today - timezone.localtime(moment).date()).days
        views = 0
        if status == "published" and age_days >= 0:
            visible.append(pk)
            peak = int(rng.paretovariate(1.3) * 40)
            for day in range(min(age_days, 364) + 1):
                since = age_days - day  # days since publication on that day
                count = int(peak * math.exp(-since / 4)) + (1 if rng.random() < 0.05 else 0)
                if count:
                    daily.append((pk, today - timedelta(days=day), count))
                    views += count
            if age_days > 364:
                views += int(peak * 4.5)
        featured = status == "published" and 0 <= age_days <= 3 and rng.random() < 0.3
        exact_lead = lead + " " + ". ".join(tags[t].name for t in sorted(article_tags))
        row = [
            pk,
            title,
            f"bai-{pk}",
            lead,
            "".join(paragraphs),
            rng.choice(authors).pk,
            rng.choice(units).pk,
            rng.choices(categories, weights=category_weights)[0].pk,
            status,
            moment,
            moment,
            moment,
            featured,
            views,
            *defaults.values(),
            f_title,
            f_lead,
            " ".join(f_paragraphs),
            title.lower(),
            exact_lead.lower(),
        ]
        buffer.write("\t".join(_copy_value(v) for v in row) + "\n")
    generated = time.perf_counter()
    buffer.seek(0)
    article_columns = [c for c in staged if not c.startswith(("f_", "e_"))]
    search_sql = {
        "search_document": "head || setweight(to_tsvector('simple', f_body), 'C')",
        "search_head": "head",
        "search_exact": "setweight(to_tsvector('simple', e_title), 'A') || "
        "setweight(to_tsvector('simple', e_lead), 'B')",
    }
    search_sql = {column: sql for column, sql in search_sql.items() if column in model_columns}
    with connection.cursor() as cur:
        cur.execute("CREATE TEMP TABLE bench_stage (LIKE articles_article)")
        cur.execute(
            "ALTER TABLE bench_stage ADD COLUMN f_title text, ADD COLUMN f_lead text, "
            "ADD COLUMN f_body text, ADD COLUMN e_title text, ADD COLUMN e_lead text"
        )
        cur.copy_expert(f"COPY bench_stage ({', '.join(staged)}) FROM STDIN", buffer)
        cur.execute("DROP INDEX IF EXISTS article_search_gin")
        cur.execute(
            f"INSERT INTO articles_article ({', '.join(article_columns + list(search_sql))}) "
            f"SELECT {', '.join(article_columns + list(search_sql.values()))} "
            "FROM (SELECT *, setweight(to_tsvector('simple', f_title), 'A') "
            "|| setweight(to_tsvector('simple', f_lead), 'B') AS head FROM bench_stage) AS staged"
        )
        cur.execute(
            "CREATE INDEX article_search_gin ON articles_article USING gin (search_document)"
        )
        cur.execute("SELECT setval(pg_get_serial_sequence('articles_article', 'id'), %s)", [total])
        cur.execute("DROP TABLE bench_stage")
        _copy(cur, TaggedArticle._meta.db_table, ["tag_id", "content_object_id"], tagged)
        _copy(cur, DailyViews._meta.db_table, ["article_id", "day", "count"], daily)
    # Feedback: approved (some with a published answer) under ~3 % of the visible articles, plus
    # some new and spam that readers never see.
    feedback = []
    for pk in visible:
        if rng.random() >= 0.03:
            continue
        for _ in range(rng.randint(1, 3)):
            status = rng.choices(["approved", "new", "spam"], weights=[7, 2, 1])[0]
            message = rng.choice(FEEDBACK_TEXTS)
            answered = status == "approved" and rng.random() < 0.3
            feedback.append(
                Feedback(
                    article_id=pk,
                    name=f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}",
                    email="ban.doc@example.com",
                    message=message,
                    language="vi",
                    consent_at=now,
                    privacy_notice=notice,
                    status=status,
                    message_digest=hashlib.sha256(message.encode()).hexdigest(),
                    created_at=now - timedelta(days=rng.randint(0, 300)),
                    decided_at=None if status == "new" else now,
                    answer="Cảm ơn bạn đọc đã góp ý." if answered else "",
                    answer_published=answered,
                    answered_at=now if answered else None,
                )
            )
    Feedback.objects.bulk_create(feedback, batch_size=1000)
    with connection.cursor() as cur:
        for table in (
            "articles_article",
            TaggedArticle._meta.db_table,
            DailyViews._meta.db_table,
            Feedback._meta.db_table,
            Tag._meta.db_table,
            "articles_category",
            "articles_author",
        ):
            cur.execute(f"VACUUM ANALYZE {table}")
    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS bench_generator (version integer, articles integer)"
        )
        cur.execute("DELETE FROM bench_generator")
        cur.execute("INSERT INTO bench_generator VALUES (%s, %s)", [GENERATOR_VERSION, total])
    print(
        f"generated {total:,} articles in {generated - started:.1f} s, loaded and indexed in "
        f"{time.perf_counter() - generated:.1f} s ({len(tagged):,} taggings, {len(daily):,} daily "
        f"view rows, {len(feedback):,} feedback)"
    )


def generated_by() -> tuple | None:
    """(generator version, articles) recorded by generate() in this database, or None."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('bench_generator')")
        if cur.fetchone()[0] is None:
            return None
        cur.execute("SELECT version, articles FROM bench_generator")
        return cur.fetchone()


def prepare(articles: int, *, name: str | None = None, regenerate: bool = False) -> str:
    """Configure Django for the bench database of `articles` articles, migrate it and generate
    the articles if their number differs; returns the database name. Call before django.setup()
    has connected anything (it calls it)."""
    name = name or default_database_name(articles)
    configure_database(name)
    import django

    django.setup()
    from django.core.management import call_command

    from articles.models import Article

    call_command("migrate", verbosity=0)
    if (
        regenerate
        or generated_by() != (GENERATOR_VERSION, articles)
        or Article.objects.count() != articles
    ):
        generate(articles)
    if Article.objects.filter(related_ids__isnull=True).exists():
        # The steady state of a site: every article's related list ranked (by its save, or once by
        # this command after the migration that added the lists).
        call_command("refresh_related", "--missing")
    return name


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--database", help="database name (default portal_bench_<N>)")
    parser.add_argument("--regenerate", action="store_true", help="generate the articles again")
    parser.add_argument("--migrate", action="store_true", help="only apply the migrations")
    parser.add_argument("--drop", action="store_true", help="drop the benchmark database and stop")
    args = parser.parse_args()
    name = args.database or default_database_name(args.articles)
    if args.drop:
        configure_database(name, drop=True)
    if args.migrate:
        configure_database(name)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=1)
        return
    started = time.perf_counter()
    prepare(args.articles, name=name, regenerate=args.regenerate)
    from articles.models import Article

    print(
        f"database {name!r}: {Article.objects.count():,} articles, "
        f"{Article.objects.published().count():,} visible ({time.perf_counter() - started:.0f} s)"
    )


if __name__ == "__main__":
    main()
