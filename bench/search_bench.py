"""Search benchmark: generated Vietnamese articles, a set of queries, median and p95 latency.

    .venv/bin/python bench/search_bench.py                 # 100,000 articles (generated once)
    .venv/bin/python bench/search_bench.py --articles 200000 --regenerate
    .venv/bin/python bench/search_bench.py --drop       # remove the benchmark database (~0.5 GB)

It uses its own database, "portal_bench", on the same PostgreSQL server as the project (the
embedded one, or the server of DATABASE_URL); the project's own database is never touched. The
articles are generated from a vocabulary whose folded forms are computed once, and loaded with
COPY, then indexed in one go: 100,000 articles take about a minute. Each query runs the same code
as the search page (search_articles -> SearchPaginator: count up to 1,000, first page of 20, marked
title and snippet), so the figures include counting, ranking and highlighting, not HTML rendering.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")

BENCH_DB = os.environ.get("BENCH_DATABASE_NAME", "portal_bench")

QUERIES = [
    "mạng xã hội",
    "dang vien",
    "nông thôn mới",
    '"chuyển đổi số"',
    "giao thong nong thon",
    "du lịch cộng đồng",
    "hoc sinh",
    "phòng chống thiên tai",
    "an toàn thực phẩm",
    "CẢI CÁCH HÀNH CHÍNH",
    "biên giới",
    '"xây dựng Đảng" chi bo',
    "y te co so",
    "hợp tác xã",
    "lu lut mien nui",
    "bảo hiểm xã hội -y tế",
    "khởi nghiệp",
    "cà phê",
    "văn hóa",
    "đường",
]

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


def configure_database(*, drop: bool = False) -> None:
    """Point Django at the benchmark database (created if missing) before anything connects."""
    import portal.settings as project_settings

    database = project_settings.DATABASES["default"]
    if database["NAME"] == BENCH_DB:
        raise SystemExit(
            f"The project's own database is called {BENCH_DB!r}; set BENCH_DATABASE_NAME."
        )
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
                cur.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
                raise SystemExit(f"dropped the benchmark database {BENCH_DB!r}")
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{BENCH_DB}"')
    finally:
        conn.close()
    database["NAME"] = BENCH_DB


class Vocabulary:
    """Words with their folded forms computed once (folding every generated text would be slow)."""

    def __init__(self):
        from articles.search import fold_query_text

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
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def generate(total: int, seed: int = 5) -> None:
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article, Author, Category, Unit

    rng = random.Random(seed)
    vocabulary = Vocabulary()
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE articles_article, articles_category, articles_author, articles_unit RESTART IDENTITY CASCADE"
        )
    unit = Unit.objects.create(name="Ban Tuyên giáo tỉnh", slug="ban-tuyen-giao")
    authors = [
        Author.objects.create(name=f"Phóng viên {n}", slug=f"phong-vien-{n}", unit=unit)
        for n in range(50)
    ]
    tops = [
        Category.objects.create(name=f"Chuyên mục {n}", slug=f"chuyen-muc-{n}") for n in range(10)
    ]
    children = [
        Category.objects.create(
            name=f"Mục con {n}", slug=f"muc-con-{n}", parent=tops[n % len(tops)]
        )
        for n in range(10)
    ]
    categories = tops + children

    template = Article(author=authors[0], category=categories[0], status=Article.Status.PUBLISHED)
    # Columns given a value per row; the other concrete columns take the model's defaults.
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
    ]
    indexed_later = {"search_document", "search_head"}  # filled in one go after the COPY
    other_fields = [
        f for f in Article._meta.concrete_fields if f.column not in {*explicit, *indexed_later}
    ]
    defaults = {
        f.column: f.get_db_prep_save(getattr(template, f.attname), connection) for f in other_fields
    }
    columns = [*explicit, *defaults, "f_title", "f_lead", "f_body"]
    now = timezone.now()
    buffer = io.StringIO()
    for pk in range(1, total + 1):
        topics = vocabulary.pick_topics(rng)
        title, f_title = vocabulary.text(rng, topics, rng.randint(6, 10), topical=0.5)
        lead, f_lead = vocabulary.text(rng, topics, rng.randint(25, 40))
        paragraphs, f_paragraphs = [], []
        for _ in range(rng.randint(3, 6)):
            shown, plain = vocabulary.text(rng, topics, rng.randint(40, 80))
            paragraphs.append(f"<p>{shown}{rng.choice(SENTENCE_ENDS)}</p>")
            f_paragraphs.append(plain)
        status = "published" if rng.random() < 0.95 else "draft"
        moment = now - timedelta(minutes=rng.randint(1, 5 * 365 * 24 * 60))
        row = [
            pk,
            title,
            f"bai-{pk}",
            lead,
            "".join(paragraphs),
            rng.choice(authors).pk,
            unit.pk,
            rng.choice(categories).pk,
            status,
            moment,
            moment,
            moment,
            *defaults.values(),
            f_title,
            f_lead,
            " ".join(f_paragraphs),
        ]
        buffer.write("\t".join(_copy_value(v) for v in row) + "\n")
    generated = time.perf_counter()
    buffer.seek(0)
    article_columns = [c for c in columns if not c.startswith("f_")]
    with connection.cursor() as cur:
        cur.execute("CREATE TEMP TABLE bench_stage (LIKE articles_article)")
        cur.execute(
            "ALTER TABLE bench_stage ADD COLUMN f_title text, ADD COLUMN f_lead text, ADD COLUMN f_body text"
        )
        cur.copy_expert(f"COPY bench_stage ({', '.join(columns)}) FROM STDIN", buffer)
        cur.execute("DROP INDEX IF EXISTS article_search_gin")
        cur.execute(
            f"INSERT INTO articles_article ({', '.join(article_columns)}, search_document, search_head) "
            f"SELECT {', '.join(article_columns)}, head || setweight(to_tsvector('simple', f_body), 'C'), head "
            "FROM (SELECT *, setweight(to_tsvector('simple', f_title), 'A') "
            "|| setweight(to_tsvector('simple', f_lead), 'B') AS head FROM bench_stage) AS staged"
        )
        cur.execute(
            "CREATE INDEX article_search_gin ON articles_article USING gin (search_document)"
        )
        cur.execute("SELECT setval(pg_get_serial_sequence('articles_article', 'id'), %s)", [total])
        cur.execute("DROP TABLE bench_stage")
        cur.execute("ANALYZE articles_article")
    print(
        f"generated {total:,} articles in {generated - started:.1f} s, loaded and indexed in "
        f"{time.perf_counter() - generated:.1f} s"
    )


def run_query(raw: str) -> int:
    """What the search page does, minus the HTML: count, first page of 20, marked snippets."""
    from articles.models import Article
    from articles.search import highlight, parse_query, plain_text, search_articles, snippet
    from articles.search_views import PER_PAGE, SearchPaginator

    parsed = parse_query(raw)
    page = SearchPaginator(
        search_articles(Article.objects.published().for_cards(), parsed), PER_PAGE
    ).get_page(1)
    for article in page:
        highlight(article.title, parsed)
        snippet([article.lead, plain_text(article.body)], parsed)
    return page.paginator.count


def matches(raw: str) -> int:
    from articles.models import Article
    from articles.search import parse_query, search_articles

    return search_articles(Article.objects.published(), parse_query(raw)).count()


def explain(raw: str) -> str:
    from django.db import connection

    from articles.models import Article
    from articles.search import index_scans, parse_query, search_articles

    queryset = search_articles(Article.objects.published().for_cards(), parse_query(raw))[:20]
    sql, params = queryset.query.sql_with_params()
    with index_scans(), connection.cursor() as cur:  # as the search page runs it
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cur.fetchall())


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument(
        "--runs", type=int, default=7, help="timed runs of each query (after one warm-up)"
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the articles again")
    parser.add_argument("--drop", action="store_true", help="drop the benchmark database and stop")
    args = parser.parse_args()

    configure_database(drop=args.drop)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article

    print(
        f"database {connection.settings_dict['NAME']!r} (PostgreSQL {connection.pg_version // 10000})"
    )
    call_command("migrate", verbosity=0)
    if args.regenerate or Article.objects.count() != args.articles:
        generate(args.articles)
    published = Article.objects.published().count()
    print(f"{Article.objects.count():,} articles, {published:,} published\n")

    timings, rows = [], []
    for raw in QUERIES:
        run_query(raw)  # warm-up
        hits = matches(raw)
        runs = []
        for _ in range(args.runs):
            started = time.perf_counter()
            run_query(raw)
            runs.append((time.perf_counter() - started) * 1000)
        timings += runs
        rows.append((raw, hits, statistics.median(runs), max(runs)))
    print(f"{'query':34} {'matches':>8} {'median ms':>10} {'max ms':>8}")
    for raw, hits, median, worst in rows:
        print(f"{raw:34} {hits:>8,} {median:>10.1f} {worst:>8.1f}")
    print(
        f"\nall {len(timings)} runs: median {statistics.median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
    )
    for raw in (QUERIES[0], QUERIES[-1]):
        print(f"\nEXPLAIN ANALYZE of {raw!r} (first page):\n{explain(raw)}")


if __name__ == "__main__":
    main()
