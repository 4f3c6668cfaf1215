"""The media library's demo, on three of the demo articles: inline images, a gallery, documents.
Safe to run again (load_demo runs it): it only adds what is missing."""

import io
import zipfile

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from articles import demo
from articles.management.commands.load_demo import cover_image
from articles.models import Article
from medialib.models import ArticleDocument, Document, GalleryItem, Image
from portal.text import slugify_vi


def demo_pdf(title: str) -> bytes:
    """A one-page PDF saying `title` (ASCII: the standard fonts have no Vietnamese glyphs)."""
    text = slugify_vi(title).replace("-", " ").capitalize()
    stream = f"BT /F1 18 Tf 60 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _zip(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="r1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="{target}"/>'
    "</Relationships>"
)


def demo_docx(title: str) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
            "_rels/.rels": RELS.format(target="word/document.xml"),
            "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{title}</w:t></w:r></w:p></w:body></w:document>",
        }
    )


def demo_xlsx(title: str) -> bytes:
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{school}</t></is></c>'
        f'<c r="B{i}"><v>{seats}</v></c></row>'
        for i, (school, seats) in enumerate(
            [(title, ""), ("THPT Chuyên", 315), ("THPT Số 1", 540), ("THPT Số 2", 495)], 1
        )
    )
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>',
            "_rels/.rels": RELS.format(target="xl/workbook.xml"),
            "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Chi tieu" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{rows}</sheetData></worksheet>",
        }
    )


MAKERS = {"pdf": demo_pdf, "docx": demo_docx, "xlsx": demo_xlsx}


def library_image(seed: int, alt: str, caption: str, credit: str, colour) -> Image:
    image = Image(alt=alt, caption=caption, credit=credit)
    image.file.save(
        f"demo-thu-vien-{seed}.jpg", ContentFile(cover_image(1000 + seed, colour)), save=False
    )
    image.save()
    return image


class Command(BaseCommand):
    help = "Add the media library's demo: inline images, a photo gallery and attached documents."

    def handle(self, *args, **options):
        with transaction.atomic():
            done = [self.inline(), self.gallery(), self.documents()]
        self.stdout.write(f"Media demo: {sum(done)} articles completed.")

    @staticmethod
    def article(title):
        return Article.objects.filter(slug=slugify_vi(title)).first()

    def inline(self) -> int:
        article = self.article(demo.MEDIA_INLINE_ARTICLE)
        if article is None or "library/" in article.body:
            return 0
        figures = []
        for seed, (alt, caption, credit, colour) in enumerate(demo.MEDIA_INLINE_IMAGES):
            image = library_image(seed, alt, caption, credit, colour)
            figures.append(
                f'<figure class="image"><img src="{image.file.url}" alt="{alt}">'
                f"<figcaption>{caption} — {credit}</figcaption></figure>"
            )
        paragraphs = article.body.split("</p>", 2)
        if len(paragraphs) == 3:
            article.body = (
                f"{paragraphs[0]}</p>{figures[0]}{paragraphs[1]}</p>{figures[1]}{paragraphs[2]}"
            )
        else:
            article.body += "".join(figures)
        article.save()
        return 1

    def gallery(self) -> int:
        article = self.article(demo.MEDIA_GALLERY_ARTICLE)
        if article is None or GalleryItem.objects.filter(article=article).exists():
            return 0
        for position, (alt, caption, colour) in enumerate(demo.MEDIA_GALLERY_IMAGES):
            image = library_image(10 + position, alt, caption, demo.MEDIA_GALLERY_CREDIT, colour)
            GalleryItem.objects.create(article=article, image=image, position=position)
        return 1

    def documents(self) -> int:
        article = self.article(demo.MEDIA_DOCUMENTS_ARTICLE)
        if article is None or ArticleDocument.objects.filter(article=article).exists():
            return 0
        for position, (title, kind) in enumerate(demo.MEDIA_DOCUMENTS):
            document = Document(title=title)
            document.file = ContentFile(MAKERS[kind](title), name=f"demo.{kind}")
            document.save()
            ArticleDocument.objects.create(article=article, document=document, position=position)
        return 1
