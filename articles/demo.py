"""Demo content written for this project (fictional province, people and events).

Each article is written for itself (no paragraph is shared by two articles) and its tags come from
its topic's list (TOPIC_TAGS); tests/test_demo.py checks both, and that every lead starts with a
capital letter.
"""

from typing import NamedTuple

CATEGORIES = [
    # (name, parent name or None, order, description)
    ("Tin tức", None, 1, "Tin tức trong tỉnh và trong nước."),
    ("Thời sự", "Tin tức", 1, "Những sự kiện nổi bật hằng ngày."),
    ("Kinh tế", "Tin tức", 2, "Sản xuất, kinh doanh, đầu tư và việc làm."),
    ("Xã hội", "Tin tức", 3, "Đời sống, an sinh và môi trường."),
    ("Chính trị", None, 2, "Hoạt động của các cơ quan Đảng, chính quyền và đoàn thể."),
    ("Xây dựng Đảng", "Chính trị", 1, "Công tác xây dựng, chỉnh đốn Đảng ở cơ sở."),
    ("Văn hóa - Thể thao", None, 3, "Văn hóa, nghệ thuật, thể dục thể thao."),
    ("Du lịch", "Văn hóa - Thể thao", 1, "Điểm đến, lễ hội và sản phẩm du lịch."),
    ("Giáo dục", None, 4, "Trường lớp, học sinh và đội ngũ nhà giáo."),
    ("Y tế", None, 5, "Chăm sóc sức khỏe nhân dân."),
    ("Khoa học - Công nghệ", None, 6, "Nghiên cứu, ứng dụng và đổi mới sáng tạo."),
    ("Chuyển đổi số", "Khoa học - Công nghệ", 1, "Chính quyền số, kinh tế số và xã hội số."),
]

UNITS = [
    ("Ban Tuyên giáo Tỉnh ủy", "Cơ quan tham mưu của Tỉnh ủy về công tác tuyên giáo."),
    ("Sở Thông tin và Truyền thông", "Quản lý nhà nước về báo chí, xuất bản và chuyển đổi số."),
    ("Sở Giáo dục và Đào tạo", "Quản lý nhà nước về giáo dục và đào tạo trên địa bàn tỉnh."),
    ("Sở Y tế", "Quản lý nhà nước về y tế và chăm sóc sức khỏe nhân dân."),
    (
        "Trung tâm Văn hóa - Thể thao tỉnh",
        "Tổ chức hoạt động văn hóa, văn nghệ, thể thao quần chúng.",
    ),
    ("Ban Biên tập Cổng thông tin", "Biên tập và quản trị nội dung cổng thông tin điện tử."),
]

AUTHORS = [
    ("Nguyễn Thu Hà", 0),
    ("Trần Minh Đức", 0),
    ("Lê Thị Lan", 1),
    ("Phạm Quốc Bảo", 1),
    ("Hoàng Anh Tuấn", 2),
    ("Vũ Thanh Hương", 3),
    ("Đặng Văn Nam", 4),
    ("Bùi Ngọc Mai", 5),
    ("Đỗ Hải Đăng", 5),
    ("Ngô Phương Linh", 2),
]

WEBSITE_LINKS = [
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Cổng Thông tin điện tử Quốc hội", "https://quochoi.vn/"),
    ("Bộ Khoa học và Công nghệ", "https://mst.gov.vn/"),
    ("Bộ Giáo dục và Đào tạo", "https://moet.gov.vn/"),
    ("Bộ Y tế", "https://moh.gov.vn/"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
    ("Bộ Văn hóa, Thể thao và Du lịch", "https://bvhttdl.gov.vn/"),
    ("Thông tấn xã Việt Nam", "https://vnanet.vn/"),
]

# Each topic (category) has its own tags; an article's tags come from its category's list.
TOPIC_TAGS = {
    "Thời sự": [
        "hội nghị",
        "giảm nghèo",
        "giao thông",
        "phòng chống thiên tai",
        "nhà ở",
        "thời tiết",
    ],
    "Kinh tế": [
        "nông nghiệp",
        "thương mại điện tử",
        "khu công nghiệp",
        "doanh nghiệp",
        "OCOP",
        "đầu tư công",
    ],
    "Xã hội": [
        "môi trường",
        "an sinh xã hội",
        "thanh niên",
        "phụ nữ",
        "nông thôn mới",
        "người cao tuổi",
    ],
    "Chính trị": [
        "Hội đồng nhân dân",
        "tiếp xúc cử tri",
        "Mặt trận Tổ quốc",
        "dân vận",
        "cải cách hành chính",
    ],
    "Xây dựng Đảng": [
        "đảng viên",
        "chi bộ",
        "mạng xã hội",
        "học tập và làm theo Bác",
        "lý luận chính trị",
    ],
    "Văn hóa - Thể thao": [
        "nghệ thuật quần chúng",
        "điền kinh",
        "dân ca",
        "thể thao phong trào",
        "văn hóa đọc",
    ],
    "Du lịch": ["làng nghề", "du lịch cộng đồng", "ruộng bậc thang", "lễ hội", "du lịch khám phá"],
    "Giáo dục": [
        "học sinh giỏi",
        "trường học",
        "chuyển đổi số",
        "tuyển sinh",
        "bán trú",
        "kỹ năng sống",
    ],
    "Y tế": [
        "y tế cơ sở",
        "tiêm chủng",
        "bệnh viện tỉnh",
        "khám sàng lọc",
        "sốt xuất huyết",
        "nhân lực y tế",
    ],
    "Khoa học - Công nghệ": [
        "nghiên cứu khoa học",
        "giống cây trồng",
        "sở hữu trí tuệ",
        "khởi nghiệp",
        "bản đồ số",
        "sạt lở",
    ],
    "Chuyển đổi số": [
        "dịch vụ công trực tuyến",
        "thanh toán không dùng tiền mặt",
        "chính quyền số",
        "số hóa hồ sơ",
        "an toàn thông tin",
    ],
}


class DemoArticle(NamedTuple):
    """One article; its body is `first`, `second`, the subheading, `quote` (a blockquote), `last`.

    Quotes carry their own “…” and say who speaks."""

    title: str
    tags: list[str]
    lead: str
    first: str
    second: str
    subheading: str
    quote: str
    last: str


A = DemoArticle

# Five to six articles per category, each written for itself. Keep the order (the loader's
# schedule, featured articles and covers follow it) and the titles (their slugs tell the loader
# what is already loaded; the media demo finds its three articles by title).
ARTICLES = {
    "Thời sự": [
        A(
            "Tỉnh tổ chức hội nghị tổng kết công tác năm và triển khai nhiệm vụ năm mới",
            ["hội nghị"],
            "Tăng trưởng kinh tế của tỉnh ước đạt 7,2%, cao hơn mục tiêu đề ra; 14 trên 16 chỉ "
            "tiêu chủ yếu đạt và vượt kế hoạch.",
            "Hội nghị do Ủy ban nhân dân tỉnh tổ chức tại hội trường trung tâm, kết nối trực "
            "tuyến với chín huyện, thị xã và thành phố; hơn 600 đại biểu là lãnh đạo các sở, "
            "ngành, địa phương và doanh nghiệp tham dự.",
            "Thu ngân sách trên địa bàn đạt gần 5.900 tỷ đồng, tỷ lệ hộ nghèo giảm còn 4,1%. Hai "
            "chỉ tiêu chưa đạt là giải ngân vốn đầu tư công và số xã đạt chuẩn nông thôn mới nâng "
            "cao.",
            "Nói rõ chỗ chậm, sửa ngay trong quý I",
            "“Chỗ nào chậm thì phải nói rõ chậm ở khâu nào, trách nhiệm của ai, và sửa ngay trong "
            "quý I”, ông Lê Văn Thành, Chủ tịch Ủy ban nhân dân tỉnh, nhấn mạnh khi kết luận hội "
            "nghị.",
            "Năm tới, tỉnh đặt mục tiêu tăng trưởng từ 7,5% trở lên, hoàn thành tuyến đường ven "
            "sông và mở rộng khu công nghiệp phía nam; các sở, ngành gửi kế hoạch chi tiết trước "
            "ngày 15 tháng Giêng.",
        ),
        A(
            "Đoàn công tác của tỉnh làm việc với các xã vùng cao về giảm nghèo bền vững",
            ["giảm nghèo"],
            "Sau hai năm thực hiện chương trình mục tiêu quốc gia, ba xã vùng cao của huyện Tân "
            "Sơn đã giảm gần một nửa số hộ nghèo.",
            "Đoàn do Phó Chủ tịch Ủy ban nhân dân tỉnh Hoàng Thị Minh dẫn đầu đã đến thăm mô hình "
            "nuôi bò sinh sản và trồng quế dưới tán rừng ở xã Nậm Khê, nơi 42 hộ được hỗ trợ con "
            "giống và cây giống từ đầu năm.",
            "Theo báo cáo của huyện, tỷ lệ hộ nghèo ở ba xã giảm từ 38% xuống còn 21%; tuy vậy, "
            "nhiều hộ vừa thoát nghèo vẫn có thu nhập sát chuẩn và dễ tái nghèo khi gặp thiên tai "
            "hoặc ốm đau.",
            "Hỗ trợ sinh kế thay vì cho không",
            "“Bà con không cần cho cá, bà con cần cần câu và đầu ra cho sản phẩm. Quế và bò chỉ "
            "có giá khi có người thu mua ổn định”, bà Hoàng Thị Minh nói tại buổi làm việc với xã "
            "Nậm Khê.",
            "Đoàn công tác giao Sở Nông nghiệp tìm doanh nghiệp bao tiêu quế vỏ cho các xã, đồng "
            "thời đề nghị huyện rà soát danh sách hộ cận nghèo để hỗ trợ vay vốn trước vụ xuân.",
        ),
        A(
            "Khánh thành cây cầu mới nối đôi bờ sông trước mùa mưa lũ",
            ["giao thông", "phòng chống thiên tai"],
            "Cây cầu bê tông dài 320 m thay cho bến đò ngang, giúp hơn 12.000 người dân hai xã "
            "Phú Lộc và An Thạnh đi lại an toàn trong mùa lũ.",
            "Công trình có tổng mức đầu tư 148 tỷ đồng từ ngân sách tỉnh, khởi công cách đây 18 "
            "tháng và hoàn thành sớm hơn kế hoạch gần hai tháng. Mặt cầu rộng 9 m, hai làn xe và "
            "lối đi bộ hai bên.",
            "Trước đây, mỗi mùa mưa lũ bến đò phải tạm dừng nhiều ngày; học sinh xã An Thạnh phải "
            "đi vòng hơn 20 km để đến trường trung học phổ thông của huyện.",
            "Không còn cảnh đi vòng 20 km mỗi mùa lũ",
            "“Cả đời tôi chèo đò ở bến này, mùa lũ nào cũng lo. Giờ có cầu, con cháu đi học không "
            "phải chờ nước rút nữa”, ông Nguyễn Văn Sáu, người lái đò cuối cùng của bến An Thạnh, "
            "chia sẻ.",
            "Ban quản lý dự án cho biết đường dẫn hai đầu cầu sẽ được trồng cây xanh và lắp đèn "
            "chiếu sáng trong tháng tới; bến đò cũ được giữ lại làm điểm neo đậu cho thuyền cứu "
            "hộ.",
        ),
        A(
            "Tăng cường tuần tra, bảo đảm trật tự an toàn giao thông dịp cuối năm",
            ["giao thông"],
            "Công an tỉnh huy động hơn 400 cán bộ, chiến sĩ tuần tra trên các tuyến quốc lộ và "
            "tỉnh lộ, tập trung vào vi phạm nồng độ cồn và tốc độ.",
            "Đợt cao điểm kéo dài đến hết tháng Giêng, với 28 tổ công tác làm việc cả ban đêm tại "
            "các điểm thường xảy ra tai nạn, nhất là đoạn đèo Khe Gió và nút giao phía bắc thành "
            "phố.",
            "Trong tháng qua, lực lượng chức năng đã lập biên bản gần 2.300 trường hợp vi phạm, "
            "tạm giữ 410 xe mô tô; số vụ tai nạn giảm 11% so với cùng kỳ nhưng số người bị thương "
            "vẫn còn cao.",
            "Nồng độ cồn là vi phạm phổ biến nhất",
            "“Đã uống rượu bia thì không lái xe, không có ngoại lệ cho tiệc tất niên hay đám "
            "cưới”, Thượng tá Vũ Đình Khải, Trưởng phòng Cảnh sát giao thông Công an tỉnh, khẳng "
            "định.",
            "Người dân có thể phản ánh hành vi vi phạm qua đường dây nóng của Phòng Cảnh sát giao "
            "thông hoặc gửi hình ảnh qua ứng dụng VNeID; mọi phản ánh đều được xác minh và phản "
            "hồi.",
        ),
        A(
            "Người dân vùng lũ được hỗ trợ sửa chữa nhà ở trước Tết",
            ["nhà ở", "phòng chống thiên tai"],
            "Gần 1.200 hộ có nhà bị hư hại trong đợt lũ tháng Mười đã nhận tiền hỗ trợ, mỗi hộ từ "
            "10 đến 40 triệu đồng tùy mức độ thiệt hại.",
            "Kinh phí gần 27 tỷ đồng được trích từ ngân sách dự phòng của tỉnh và nguồn vận động "
            "của Ủy ban Mặt trận Tổ quốc; danh sách hộ nhận hỗ trợ được niêm yết công khai tại "
            "nhà văn hóa các thôn.",
            "Tại xã Hòa Bình, bộ đội và đoàn viên thanh niên đã giúp 35 hộ dọn bùn, dựng lại "
            "tường bao và lợp mái; nhiều hộ đã kịp vào ở trước rằm tháng Chạp.",
            "Danh sách công khai, nhận tiền tận tay",
            "“Nhà tôi sập một nửa, tưởng Tết này phải ở nhờ nhà con. Có tiền hỗ trợ và anh em bộ "
            "đội giúp công, giờ đã có chỗ thắp hương ông bà”, bà Trần Thị Hoa ở thôn Đông cho "
            "biết.",
            "Sở Xây dựng lưu ý các hộ dựng lại nhà nên nâng nền cao hơn mức lũ vừa qua ít nhất 50 "
            "cm và dùng mái nhẹ; cán bộ kỹ thuật của huyện sẵn sàng hướng dẫn miễn phí.",
        ),
        A(
            "Tỉnh chủ động ứng phó với đợt không khí lạnh tăng cường",
            ["thời tiết", "phòng chống thiên tai"],
            "Nhiệt độ ở vùng núi phía bắc tỉnh có thể xuống dưới 5 độ C; các trường được phép cho "
            "học sinh nghỉ khi trời rét đậm.",
            "Ban Chỉ huy phòng, chống thiên tai tỉnh yêu cầu các huyện vùng cao hướng dẫn người "
            "dân che chắn chuồng trại, dự trữ thức ăn cho gia súc và không thả trâu bò lên núi "
            "trong những ngày rét.",
            "Theo Đài Khí tượng thủy văn tỉnh, đợt lạnh có thể kéo dài năm đến bảy ngày, kèm mưa "
            "phùn và sương muối ở những nơi cao trên 800 m.",
            "Trường học được quyền cho học sinh nghỉ",
            "“Nhiệt độ ngoài trời dưới 7 độ C thì học sinh tiểu học được nghỉ, nhà trường không "
            "phải xin ý kiến”, ông Đinh Quang Huy, Phó Giám đốc Sở Giáo dục và Đào tạo, cho biết.",
            "Ngành y tế khuyến cáo người cao tuổi và trẻ nhỏ giữ ấm, không sưởi bằng than trong "
            "phòng kín; năm ngoái, tỉnh ghi nhận hai trường hợp ngộ độc khí do đốt than sưởi.",
        ),
    ],
    "Kinh tế": [
        A(
            "Hợp tác xã chè đạt doanh thu kỷ lục nhờ bán hàng trên sàn thương mại điện tử",
            ["thương mại điện tử", "nông nghiệp"],
            "Hợp tác xã chè Suối Giàng bán được hơn 18 tấn chè búp khô qua các sàn thương mại "
            "điện tử, gấp ba lần năm trước.",
            "Doanh thu cả năm của hợp tác xã đạt khoảng 7,5 tỷ đồng, trong đó gần một nửa đến từ "
            "bán hàng trực tuyến; 56 hộ thành viên có thu nhập bình quân 9 triệu đồng mỗi tháng.",
            "Ba thành viên trẻ của hợp tác xã được Sở Công Thương cử đi học cách chụp ảnh sản "
            "phẩm, viết mô tả và livestream; mỗi buổi bán hàng trực tiếp thu hút vài nghìn lượt "
            "xem.",
            "Livestream từ đồi chè",
            "“Khách ở thành phố muốn thấy cây chè, thấy tay người hái. Chúng tôi mang điện thoại "
            "lên đồi, họ tin và đặt hàng”, chị Lý Thị Dung, Giám đốc hợp tác xã, kể.",
            "Hợp tác xã đang hoàn thiện hồ sơ truy xuất nguồn gốc bằng mã QR cho từng lô chè và "
            "dự kiến mở thêm xưởng đóng gói để đáp ứng đơn hàng dịp Tết.",
        ),
        A(
            "Thu hút đầu tư vào khu công nghiệp tăng mạnh trong chín tháng",
            ["khu công nghiệp", "doanh nghiệp"],
            "Các khu công nghiệp của tỉnh thu hút 14 dự án mới với tổng vốn đăng ký khoảng 520 "
            "triệu USD, vượt cả năm trước.",
            "Phần lớn dự án thuộc lĩnh vực linh kiện điện tử, may mặc xuất khẩu và chế biến nông "
            "sản; tỷ lệ lấp đầy của khu công nghiệp Nam Giang đã lên 78%.",
            "Ban Quản lý các khu công nghiệp cho biết thời gian cấp giấy chứng nhận đăng ký đầu "
            "tư đã rút xuống còn 10 ngày làm việc, nhờ hồ sơ được tiếp nhận trực tuyến và xử lý "
            "song song.",
            "Lao động địa phương có thêm việc làm",
            "“Các dự án mới cần khoảng 6.000 lao động trong hai năm tới. Chúng tôi đặt hàng các "
            "trường nghề đào tạo theo đúng vị trí doanh nghiệp cần”, ông Phan Văn Lực, Trưởng Ban "
            "Quản lý, cho biết.",
            "Tỉnh đang hoàn tất thủ tục mở rộng khu công nghiệp Nam Giang thêm 150 ha và xây khu "
            "nhà ở cho công nhân ngay cạnh, dự kiến khởi công trong quý II năm tới.",
        ),
        A(
            "Nông dân chuyển đổi sang trồng rau hữu cơ, thu nhập tăng gấp đôi",
            ["nông nghiệp"],
            "Mười hai hộ ở thôn Đồng Tâm chuyển 4 ha lúa kém hiệu quả sang trồng rau hữu cơ, bán "
            "cho bếp ăn trường học và siêu thị.",
            "Các hộ được hướng dẫn ủ phân từ rơm rạ và phân chuồng, dùng bẫy côn trùng thay thuốc "
            "trừ sâu; mỗi vụ, cán bộ khuyến nông lấy mẫu đất và rau đi kiểm nghiệm.",
            "Tính bình quân, mỗi sào rau mang lại khoảng 6 triệu đồng một vụ, gấp đôi trồng lúa; "
            "rau được thu hoạch theo đơn đặt hàng nên gần như không phải bán đổ bán tháo.",
            "Đầu ra ổn định nhờ hợp đồng",
            "“Mấy tháng đầu rau xấu, sâu nhiều, tôi đã muốn bỏ. Đến vụ thứ ba thì đất tốt lên, "
            "rau đẹp và có người đặt mua trước”, anh Nguyễn Văn Tâm, một trong những hộ đầu tiên "
            "chuyển đổi, nói.",
            "Xã đang hướng dẫn nhóm hộ thành lập tổ hợp tác để được cấp chứng nhận hữu cơ và mở "
            "rộng diện tích thêm 6 ha trong năm tới.",
        ),
        A(
            "Doanh nghiệp nhỏ được hỗ trợ vay vốn ưu đãi để đổi mới thiết bị",
            ["doanh nghiệp"],
            "Quỹ Bảo lãnh tín dụng của tỉnh đã bảo lãnh cho 37 doanh nghiệp nhỏ vay tổng cộng 96 "
            "tỷ đồng để mua máy móc mới.",
            "Doanh nghiệp được vay tối đa 80% giá trị thiết bị, lãi suất thấp hơn thị trường "
            "khoảng 2% một năm, không cần tài sản thế chấp nếu có phương án sản xuất khả thi.",
            "Nhiều cơ sở chế biến gỗ, cơ khí và in bao bì đã thay dây chuyền cũ tiêu tốn điện; "
            "một xưởng mộc ở thị xã Bình An giảm được gần 30% tiền điện mỗi tháng.",
            "Thủ tục gọn, hồ sơ nộp trực tuyến",
            "“Trước đây đi vay phải có sổ đỏ, xưởng nhỏ như tôi không kham nổi. Lần này quỹ đứng "
            "ra bảo lãnh, ba tuần là có tiền mua máy”, ông Trịnh Văn Hải, chủ một xưởng cơ khí, "
            "cho biết.",
            "Quỹ sẽ tiếp tục nhận hồ sơ đến hết năm; doanh nghiệp có thể tải mẫu phương án sản "
            "xuất trên Cổng thông tin của Sở Kế hoạch và Đầu tư.",
        ),
        A(
            "Sản phẩm OCOP của tỉnh có mặt tại các hệ thống siêu thị lớn",
            ["OCOP", "nông nghiệp"],
            "Hai mươi sáu sản phẩm OCOP của tỉnh, từ mật ong rừng đến miến dong, đã được đưa lên "
            "kệ của ba chuỗi siêu thị lớn.",
            "Đây là kết quả của hội nghị kết nối cung cầu do Sở Công Thương tổ chức giữa năm; các "
            "chủ thể OCOP được hỗ trợ thiết kế bao bì, mã vạch và kiểm nghiệm chất lượng.",
            "Sản phẩm bán chạy nhất là miến dong xã Yên Lạc, với hơn 40 tấn tiêu thụ qua siêu thị "
            "trong sáu tháng; mật ong bạc hà và gạo nếp cái hoa vàng cũng được khách hàng đặt mua "
            "đều đặn.",
            "Bao bì mới, giữ chất lượng cũ",
            "“Siêu thị đòi hỏi giao hàng đều và đúng hạn. Chúng tôi phải tổ chức lại sản xuất, "
            "nhưng bù lại không còn lo bị ép giá”, bà Hà Thị Nhung, chủ cơ sở miến dong, chia sẻ.",
            "Năm tới, tỉnh đặt mục tiêu có thêm 30 sản phẩm đạt ba sao trở lên và mở một điểm "
            "giới thiệu sản phẩm OCOP tại trạm dừng nghỉ trên quốc lộ.",
        ),
        A(
            "Giải ngân vốn đầu tư công: các chủ đầu tư cam kết hoàn thành kế hoạch",
            ["đầu tư công"],
            "Đến cuối tháng Mười, tỉnh mới giải ngân được 61% kế hoạch vốn đầu tư công; 18 chủ "
            "đầu tư đã ký cam kết về tiến độ.",
            "Tại cuộc họp chuyên đề, nhiều chủ đầu tư cho biết vướng mắc chủ yếu ở khâu giải "
            "phóng mặt bằng và giá vật liệu tăng, khiến một số nhà thầu thi công cầm chừng.",
            "Ủy ban nhân dân tỉnh đã điều chuyển gần 200 tỷ đồng từ các dự án chậm sang những dự "
            "án có khả năng giải ngân nhanh, chủ yếu là đường giao thông nông thôn và trường học.",
            "Chậm giải ngân là trách nhiệm của người đứng đầu",
            "“Vốn nằm trên giấy là vốn chết. Đơn vị nào cam kết mà không làm được thì người đứng "
            "đầu phải giải trình trước Ban Thường vụ”, ông Lê Văn Thành, Chủ tịch Ủy ban nhân dân "
            "tỉnh, nói.",
            "Tổ công tác đặc biệt của tỉnh sẽ kiểm tra hiện trường các dự án lớn hai tuần một lần "
            "và công bố kết quả giải ngân của từng chủ đầu tư trên Cổng thông tin.",
        ),
    ],
    "Xã hội": [
        A(
            "Mô hình tổ tự quản bảo vệ môi trường ở khu dân cư lan tỏa khắp các phường",
            ["môi trường"],
            "Sau một năm thí điểm ở phường Quang Trung, mô hình tổ tự quản môi trường đã có mặt ở "
            "tất cả 12 phường của thành phố.",
            "Mỗi tổ có từ 10 đến 15 thành viên, phần lớn là hội viên phụ nữ và cựu chiến binh, "
            "thay nhau nhắc nhở bà con phân loại rác tại nguồn và giữ sạch ngõ xóm vào sáng Chủ "
            "nhật.",
            "Lượng rác thải phải chôn lấp của phường Quang Trung giảm khoảng một phần tư; rác hữu "
            "cơ được ủ làm phân bón cho vườn rau của các gia đình.",
            "Phân loại rác bắt đầu từ mỗi nhà",
            "“Lúc đầu nhiều nhà ngại, bảo ai rảnh mà chia rác. Tổ đi từng nhà phát thùng, hướng "
            "dẫn tận tay, giờ thành nếp rồi”, bà Vũ Thị Thu, tổ trưởng tổ tự quản số 3, kể.",
            "Thành phố sẽ bố trí xe thu gom riêng cho rác tái chế và khen thưởng các tổ làm tốt "
            "vào dịp tổng kết cuối năm.",
        ),
        A(
            "Trao tặng hàng nghìn suất quà cho hộ nghèo và gia đình chính sách",
            ["an sinh xã hội"],
            "Hơn 8.500 suất quà trị giá từ 500.000 đồng đến 1 triệu đồng được trao tận tay hộ "
            "nghèo, người có công và trẻ mồ côi.",
            "Nguồn kinh phí gần 6 tỷ đồng đến từ ngân sách tỉnh và sự đóng góp của doanh nghiệp, "
            "các tổ chức tôn giáo và người dân; mỗi suất quà gồm tiền mặt, gạo và chăn ấm.",
            "Các đoàn công tác của tỉnh chia nhau về 9 huyện, ưu tiên những xã vừa bị ảnh hưởng "
            "bởi lũ và các thôn vùng cao cách xa trung tâm.",
            "Không để ai thiếu Tết",
            "“Tôi năm nay 86 tuổi, chồng và con trai đều là liệt sĩ. Năm nào tỉnh cũng về thăm, "
            "tôi thấy ấm lòng lắm”, mẹ Phạm Thị Lài ở xã Tân Hòa xúc động nói.",
            "Ủy ban Mặt trận Tổ quốc tỉnh cho biết sẽ tiếp tục vận động xây 50 căn nhà đại đoàn "
            "kết trong năm tới cho các hộ nghèo đang ở nhà tạm.",
        ),
        A(
            "Thanh niên tình nguyện giúp người cao tuổi làm thủ tục trực tuyến",
            ["thanh niên", "người cao tuổi"],
            "Hơn 200 đoàn viên thanh niên có mặt ở bộ phận một cửa các xã để hướng dẫn người cao "
            "tuổi nộp hồ sơ và thanh toán trực tuyến.",
            "Mỗi ngày, các tình nguyện viên giúp khoảng 15 đến 20 người cài ứng dụng định danh "
            "điện tử, đăng ký khai sinh cho cháu hoặc nộp đơn xin trợ cấp mà không phải viết giấy "
            "tờ.",
            "Tỉnh đoàn đã tổ chức ba lớp tập huấn ngắn để các bạn nắm quy trình, nhất là cách giữ "
            "bí mật mật khẩu và mã OTP của người được giúp.",
            "Kiên nhẫn với từng cú chạm màn hình",
            "“Bà cụ đầu tiên em hướng dẫn mất gần một tiếng mới nộp xong hồ sơ. Lần sau bà tự làm "
            "được, còn dẫn hàng xóm ra nhờ em”, Lò Văn Hùng, sinh viên năm ba, kể lại.",
            "Chương trình sẽ kéo dài đến hết kỳ nghỉ hè và mở rộng đến các điểm bưu điện văn hóa "
            "xã, nơi người dân vùng xa thường đến giao dịch.",
        ),
        A(
            "Hội Phụ nữ xã ra mắt câu lạc bộ nuôi con khỏe, dạy con ngoan",
            ["phụ nữ"],
            "Câu lạc bộ đầu tiên của xã Hợp Thành có 35 thành viên là các bà mẹ trẻ, sinh hoạt "
            "mỗi tháng một lần tại nhà văn hóa thôn.",
            "Các buổi sinh hoạt xoay quanh dinh dưỡng cho trẻ dưới năm tuổi, cách phòng tai nạn "
            "đuối nước và cách nói chuyện với con khi con đến tuổi đi học.",
            "Trạm y tế xã cử nữ hộ sinh tham gia mỗi buổi để cân, đo chiều cao cho trẻ và tư vấn "
            "riêng cho những gia đình có con suy dinh dưỡng.",
            "Mẹ học cùng con",
            "“Trước đây tôi nghĩ con còi là do giống, giờ mới biết là do mình cho ăn chưa đúng. "
            "Ba tháng nay cháu lên được 1 cân”, chị Hà Thị Mơ, thành viên câu lạc bộ, chia sẻ.",
            "Hội Liên hiệp Phụ nữ huyện dự định nhân rộng mô hình ra sáu xã lân cận, mỗi xã ít "
            "nhất một câu lạc bộ trong năm tới.",
        ),
        A(
            "Người dân tự nguyện hiến đất mở rộng đường liên thôn",
            ["nông thôn mới"],
            "Ba mươi tám hộ ở xã Thanh Xuân đã hiến hơn 2.400 m² đất, tháo dỡ tường rào để mở "
            "rộng 1,8 km đường liên thôn lên 5 m.",
            "Con đường cũ chỉ rộng hơn 2 m, xe cứu thương và xe chở nông sản không vào được; mỗi "
            "vụ thu hoạch, bà con phải gánh lúa ra tận đường tỉnh.",
            "Nhà nước hỗ trợ xi măng và máy móc, người dân góp ngày công; tổng chi phí hơn 1,6 tỷ "
            "đồng, trong đó người dân đóng góp khoảng một phần ba.",
            "Con đường do dân bàn, dân làm",
            "“Mất vài mét đất vườn nhưng cả thôn được lợi. Xe tải vào tận nhà mua cam, giá bán "
            "cao hơn trước”, ông Đỗ Văn Bình, người hiến nhiều đất nhất thôn, nói.",
            "Xã sẽ lắp đèn đường bằng năng lượng mặt trời dọc tuyến và gắn biển ghi công các hộ "
            "đã hiến đất ở đầu thôn.",
        ),
        A(
            "Nhà văn hóa thôn trở thành điểm sinh hoạt chung của bà con",
            ["nông thôn mới", "người cao tuổi"],
            "Nhà văn hóa thôn Bản Chang được sửa lại với tủ sách, sân bóng chuyền và loa truyền "
            "thanh, mở cửa mỗi tối đến 21 giờ.",
            "Trước đây, nhà văn hóa chỉ mở cửa khi có họp thôn; nay buổi chiều có lớp múa của hội "
            "phụ nữ, buổi tối thanh niên chơi bóng chuyền và người cao tuổi đọc báo.",
            "Kinh phí sửa chữa khoảng 180 triệu đồng, do ngân sách xã hỗ trợ và bà con đóng góp; "
            "con em đi làm ăn xa gửi về thêm bộ bàn ghế và chiếc tivi lớn.",
            "Sáng đèn mỗi tối",
            "“Tối nào cũng có người đến, đông nhất là hôm có bóng đá. Cả thôn ngồi xem chung, vui "
            "hơn ngồi nhà”, ông Hoàng Văn Pao, trưởng thôn, cho biết.",
            "Thôn đang lập lịch sử dụng để các đoàn thể luân phiên sinh hoạt và dự định mở lớp "
            "dạy chữ Tày cho thiếu nhi vào dịp hè.",
        ),
    ],
    "Chính trị": [
        A(
            "Hội đồng nhân dân tỉnh khai mạc kỳ họp thường lệ cuối năm",
            ["Hội đồng nhân dân"],
            "Trong ba ngày làm việc, đại biểu Hội đồng nhân dân tỉnh xem xét 32 báo cáo, tờ trình "
            "và chất vấn ba thành viên Ủy ban nhân dân tỉnh.",
            "Kỳ họp được truyền hình, phát thanh trực tiếp để cử tri theo dõi; các phiên thảo "
            "luận về dự toán ngân sách và kế hoạch đầu tư công được dành nhiều thời gian nhất.",
            "Trước kỳ họp, Thường trực Hội đồng nhân dân đã tổng hợp hơn 260 ý kiến, kiến nghị "
            "của cử tri, tập trung vào đất đai, giá điện nông thôn và chế độ cho cán bộ không "
            "chuyên trách.",
            "Chất vấn về đất đai và nước sạch",
            "“Mỗi câu trả lời chất vấn phải có địa chỉ, thời hạn và người chịu trách nhiệm; không "
            "trả lời chung chung”, bà Nông Thị Hạnh, Chủ tịch Hội đồng nhân dân tỉnh, đề nghị "
            "trong phát biểu khai mạc.",
            "Kỳ họp dự kiến thông qua 18 nghị quyết, trong đó có nghị quyết hỗ trợ học phí cho "
            "học sinh vùng khó khăn và nghị quyết về giá dịch vụ thu gom rác.",
        ),
        A(
            "Lãnh đạo tỉnh tiếp xúc cử tri, lắng nghe kiến nghị của người dân",
            ["tiếp xúc cử tri"],
            "Tại buổi tiếp xúc ở huyện Đông Sơn, cử tri kiến nghị sớm cấp giấy chứng nhận quyền "
            "sử dụng đất và sửa tuyến đê xuống cấp.",
            "Buổi tiếp xúc có gần 200 cử tri của bốn xã tham dự; 14 ý kiến được nêu trực tiếp, "
            "ngoài ra nhiều cử tri gửi kiến nghị bằng văn bản qua tổ đại biểu.",
            "Cử tri Lê Thị Vân ở xã Đông Phú phản ánh hồ sơ cấp giấy chứng nhận của gia đình đã "
            "nộp hơn một năm nhưng chưa có kết quả, mỗi lần hỏi lại được hướng dẫn bổ sung một "
            "giấy tờ khác.",
            "Trả lời ngay tại hội nghị",
            "“Việc thuộc thẩm quyền của huyện thì huyện phải trả lời cử tri bằng văn bản trong 15 "
            "ngày; tôi sẽ theo dõi đến cùng”, ông Trần Quốc Toản, Bí thư Tỉnh ủy, nói khi tiếp "
            "thu ý kiến.",
            "Ngay sau buổi tiếp xúc, Văn phòng đăng ký đất đai chi nhánh Đông Sơn đã lập tổ rà "
            "soát toàn bộ hồ sơ tồn đọng và hẹn trả kết quả cho từng hộ.",
        ),
        A(
            "Mặt trận Tổ quốc tỉnh phát động phong trào đoàn kết xây dựng đời sống văn hóa",
            ["Mặt trận Tổ quốc"],
            "Ủy ban Mặt trận Tổ quốc tỉnh phát động phong trào năm nay với trọng tâm là nếp sống "
            "văn minh trong việc cưới, việc tang.",
            "Lễ phát động được tổ chức tại khu dân cư Hòa Lạc, nơi bà con đã thống nhất hương ước "
            "không mời rượu kéo dài nhiều ngày trong đám cưới và không đốt vàng mã ngoài đường.",
            "Toàn tỉnh hiện có hơn 1.100 khu dân cư đạt danh hiệu khu dân cư văn hóa; những nơi "
            "làm tốt được hỗ trợ kinh phí sửa nhà văn hóa và mua sắm dụng cụ thể thao.",
            "Hương ước do chính bà con bàn",
            "“Quy định nào dân bàn thì dân làm theo. Mặt trận chỉ đứng ra tập hợp ý kiến và nhắc "
            "nhở khi có người quên”, bà Lương Thị Thảo, Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh, "
            "cho biết.",
            "Cuối năm, Mặt trận sẽ tổ chức chấm điểm công khai tại từng khu dân cư, có đại diện "
            "các hộ gia đình tham gia chấm.",
        ),
        A(
            "Tổng kết công tác dân vận khéo trong các cơ quan nhà nước",
            ["dân vận", "cải cách hành chính"],
            "Ba mươi tư mô hình dân vận khéo trong các cơ quan nhà nước được khen thưởng, phần "
            "lớn gắn với giải quyết thủ tục hành chính.",
            "Một số mô hình được đánh giá cao là “Ngày thứ Năm lắng nghe” của Sở Tài nguyên và "
            "Môi trường, và tổ trả kết quả tận nhà cho người già, người khuyết tật ở thị xã Bình "
            "An.",
            "Theo Ban Dân vận Tỉnh ủy, số đơn thư phản ánh thái độ cán bộ giảm gần 40% so với ba "
            "năm trước, tỷ lệ hài lòng của người dân với dịch vụ hành chính đạt trên 90%.",
            "Nghe dân nói trước khi nói cho dân nghe",
            "“Dân vận khéo không phải là khẩu hiệu treo trên tường, mà là người cán bộ một cửa "
            "biết hỏi han, giải thích đến khi người dân hiểu”, bà Vi Thị Hằng, Trưởng Ban Dân vận "
            "Tỉnh ủy, nói.",
            "Năm tới, Ban Dân vận đề nghị các cơ quan đăng ký mô hình ngay từ đầu năm và công "
            "khai kết quả để người dân cùng đánh giá.",
        ),
        A(
            "Công bố chỉ số cải cách hành chính của các sở, ngành và địa phương",
            ["cải cách hành chính"],
            "Sở Tư pháp và huyện Đông Sơn dẫn đầu bảng xếp hạng chỉ số cải cách hành chính năm "
            "nay; ba đơn vị bị tụt hạng sâu.",
            "Chỉ số được chấm trên 8 lĩnh vực, từ xây dựng thể chế đến chuyển đổi số, kết hợp kết "
            "quả khảo sát gần 5.000 người dân và doanh nghiệp đã làm thủ tục.",
            "Điểm thấp nhất của nhiều đơn vị nằm ở tỷ lệ hồ sơ trễ hạn và việc xin lỗi người dân "
            "khi trễ hạn; có đơn vị để gần một phần năm hồ sơ đất đai quá thời gian quy định.",
            "Hồ sơ trễ hạn kéo điểm xuống",
            "“Đơn vị nào đứng cuối bảng hai năm liền thì người đứng đầu phải có báo cáo giải "
            "trình với Ủy ban nhân dân tỉnh”, ông Mai Xuân Trường, Giám đốc Sở Nội vụ, cho biết.",
            "Toàn bộ kết quả chấm điểm chi tiết của từng đơn vị được đăng trên Cổng thông tin để "
            "người dân theo dõi và góp ý.",
        ),
    ],
    "Xây dựng Đảng": [
        A(
            "Đảng viên gương mẫu, có trách nhiệm khi sử dụng mạng xã hội",
            ["đảng viên", "mạng xã hội"],
            "Ban Tuyên giáo Tỉnh ủy ban hành hướng dẫn giúp đảng viên chia sẻ thông tin chính "
            "thống và nhận diện tin giả trên mạng xã hội.",
            "Hướng dẫn gồm 10 điều nên và không nên, như kiểm tra nguồn trước khi chia sẻ, không "
            "bình luận về vụ việc đang được điều tra và không dùng tài khoản cá nhân để phát ngôn "
            "thay cơ quan.",
            "Qua khảo sát ở 120 chi bộ, gần 90% đảng viên có ít nhất một tài khoản mạng xã hội, "
            "nhưng chỉ khoảng một phần ba biết cách báo cáo một trang đăng tin sai sự thật.",
            "Chia sẻ có chọn lọc",
            "“Một lượt chia sẻ của đảng viên có sức nặng với người thân, hàng xóm. Vì vậy, trước "
            "khi bấm chia sẻ hãy tự hỏi nguồn tin ở đâu”, ông Lục Văn Thắng, Trưởng Ban Tuyên "
            "giáo Tỉnh ủy, nhắc.",
            "Các chi bộ sẽ đưa nội dung hướng dẫn vào buổi sinh hoạt tháng tới; tài liệu được "
            "đăng trên trang của Ban Tuyên giáo Tỉnh ủy để đảng viên tải về.",
        ),
        A(
            "Chi bộ khu dân cư đổi mới nội dung sinh hoạt chuyên đề",
            ["chi bộ"],
            "Chi bộ tổ dân phố số 7 phường Minh Khai chọn mỗi tháng một việc cụ thể của khu phố "
            "để bàn trong buổi sinh hoạt chuyên đề.",
            "Những tháng gần đây, chi bộ đã bàn về lắp camera an ninh đầu ngõ, chống ngập ở đoạn "
            "cống cũ và tổ chức trông trẻ dịp hè cho các gia đình đi làm cả ngày.",
            "Mỗi chuyên đề đều có đảng viên được phân công theo dõi và báo cáo kết quả ở buổi "
            "sinh hoạt sau; việc nào chưa xong được ghi lại để bàn tiếp.",
            "Sinh hoạt bằng việc thật",
            "“Đảng viên về hưu có thời gian, có kinh nghiệm, chỉ cần giao việc rõ ràng là làm đến "
            "nơi đến chốn”, ông Quách Văn Long, Bí thư chi bộ, nói.",
            "Đảng ủy phường đã tổ chức cho các chi bộ khác dự một buổi sinh hoạt mẫu và đề nghị "
            "nhân rộng cách làm này.",
        ),
        A(
            "Kết nạp đảng viên là đoàn viên thanh niên ưu tú trong trường học",
            ["đảng viên"],
            "Trong năm học, chi bộ các trường trung học phổ thông của tỉnh đã kết nạp 46 học sinh "
            "lớp 12 là đoàn viên ưu tú.",
            "Các em đều có kết quả học tập tốt, tích cực trong hoạt động tình nguyện; nhiều em là "
            "thủ lĩnh câu lạc bộ khoa học hoặc đội tuyển học sinh giỏi của trường.",
            "Trước khi được kết nạp, mỗi học sinh được một đảng viên là giáo viên giúp đỡ trong "
            "ít nhất một năm và được nhận xét của chi đoàn, gia đình và nơi cư trú.",
            "Lời hứa trước lá cờ",
            "“Em sẽ cố gắng học tốt để đỗ vào ngành y, sau đó trở về làm việc ở trạm y tế xã "
            "mình”, em Ma Thị Ngọc, học sinh Trường THPT chuyên của tỉnh, nói trong lễ kết nạp.",
            "Tỉnh đoàn đề nghị các trường tiếp tục bồi dưỡng nguồn từ lớp 10 và lớp 11, tránh dồn "
            "việc kết nạp vào học kỳ cuối.",
        ),
        A(
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh ở cơ sở",
            ["học tập và làm theo Bác"],
            "Mười lăm tập thể và 40 cá nhân được biểu dương vì những việc làm cụ thể trong học "
            "tập và làm theo Bác ở cơ sở.",
            "Trong số đó có nữ y sĩ ba mươi năm gắn bó với trạm y tế xã vùng cao và tổ thợ điện "
            "của một chi nhánh điện lực trực sửa chữa cả ngày nghỉ khi mưa bão.",
            "Các câu chuyện được biên tập thành tập sách nhỏ và phát trên đài truyền thanh các xã "
            "vào sáng Chủ nhật hằng tuần.",
            "Những tấm gương bình dị",
            "“Tôi không làm gì lớn lao, chỉ là có người ốm thì đi, đêm hôm cũng đi. Bác dạy cán "
            "bộ là đầy tớ của dân mà”, y sĩ Hà Thị Xuân ở xã Nà Hẩu chia sẻ.",
            "Ban Tuyên giáo Tỉnh ủy đề nghị mỗi chi bộ chọn ít nhất một việc làm theo Bác và đưa "
            "vào đánh giá đảng viên cuối năm.",
        ),
        A(
            "Bồi dưỡng lý luận chính trị cho đảng viên mới năm nay",
            ["lý luận chính trị"],
            "Trường Chính trị tỉnh mở sáu lớp bồi dưỡng cho gần 500 đảng viên mới, lần đầu có lớp "
            "học trực tuyến cho đảng viên ở xa.",
            "Chương trình gồm bảy chuyên đề, từ lịch sử Đảng bộ tỉnh đến quy định về những điều "
            "đảng viên không được làm; cuối khóa học viên viết bài thu hoạch gắn với công việc "
            "của mình.",
            "Lớp trực tuyến dành cho đảng viên đang công tác ở đồn biên phòng và các công trình "
            "xa, học vào buổi tối để không ảnh hưởng nhiệm vụ.",
            "Học buổi tối, sau ca trực",
            "“Học trực tuyến nhưng vẫn điểm danh, vẫn thảo luận nhóm. Anh em ở đồn học xong còn "
            "kể lại cho đồng đội nghe”, Thiếu úy Đàm Văn Quý, một học viên, cho biết.",
            "Trường Chính trị tỉnh sẽ khảo sát ý kiến học viên sau khóa học để điều chỉnh thời "
            "lượng các chuyên đề năm sau.",
        ),
    ],
    "Văn hóa - Thể thao": [
        A(
            "Liên hoan nghệ thuật quần chúng thu hút hàng trăm diễn viên không chuyên",
            ["nghệ thuật quần chúng", "dân ca"],
            "Hơn 350 diễn viên không chuyên của 18 đội văn nghệ đã mang đến liên hoan những tiết "
            "mục múa, hát dân ca và kịch ngắn.",
            "Liên hoan diễn ra trong hai đêm tại quảng trường trung tâm tỉnh; nhiều tiết mục do "
            "chính các đội tự dàn dựng, lấy chất liệu từ đời sống lao động ở địa phương.",
            "Đội văn nghệ xã Sơn Thủy giành giải nhất với tiết mục múa xòe kết hợp hát then; giải "
            "khán giả bình chọn thuộc về tiết mục trống hội của thiếu nhi phường Trung tâm.",
            "Sân khấu của người lao động",
            "“Ban ngày chúng tôi lên nương, tối về tập múa. Được đứng trên sân khấu tỉnh là niềm "
            "tự hào của cả bản”, chị Lò Thị Xuyến, đội trưởng đội văn nghệ xã Sơn Thủy, nói.",
            "Trung tâm Văn hóa - Thể thao tỉnh sẽ chọn sáu tiết mục xuất sắc nhất tham gia hội "
            "diễn khu vực vào mùa xuân tới.",
        ),
        A(
            "Đội tuyển điền kinh của tỉnh giành nhiều huy chương tại giải toàn quốc",
            ["điền kinh"],
            "Đội tuyển điền kinh của tỉnh mang về 3 huy chương vàng, 4 bạc và 6 đồng, xếp thứ bảy "
            "toàn đoàn, thành tích tốt nhất từ trước đến nay.",
            "Vận động viên Sầm Văn Lợi giành huy chương vàng chạy 10.000 m và phá kỷ lục của "
            "tỉnh; hai huy chương vàng còn lại đến từ nội dung nhảy cao nữ và tiếp sức 4×400 m "
            "nam.",
            "Phần lớn thành viên đội tuyển là những em từ các huyện vùng cao được phát hiện qua "
            "hội khỏe Phù Đổng và được tuyển vào trung tâm huấn luyện của tỉnh từ năm 14 tuổi.",
            "Từ hội khỏe Phù Đổng đến bục nhận huy chương",
            "“Em chạy trên đường núi từ nhỏ, đi học cũng chạy. Lần đầu đứng trên bục cao nhất, em "
            "chỉ nghĩ đến bố mẹ ở nhà”, Sầm Văn Lợi chia sẻ sau khi nhận huy chương.",
            "Sở Văn hóa, Thể thao và Du lịch đề xuất tăng chế độ dinh dưỡng cho vận động viên và "
            "đầu tư đường chạy tổng hợp mới cho sân vận động tỉnh.",
        ),
        A(
            "Phục dựng làn điệu dân ca cổ trong các câu lạc bộ ở thôn bản",
            ["dân ca"],
            "Mười hai câu lạc bộ dân ca ở thôn bản đã sưu tầm và phục dựng hơn 40 làn điệu cổ có "
            "nguy cơ mai một.",
            "Nhiều làn điệu chỉ còn vài nghệ nhân cao tuổi nhớ được; các câu lạc bộ ghi âm, ghi "
            "lời và mời nghệ nhân truyền dạy trực tiếp cho lớp trẻ mỗi tuần hai buổi.",
            "Sở Văn hóa hỗ trợ mỗi câu lạc bộ 20 triệu đồng mua nhạc cụ và trang phục, đồng thời "
            "số hóa các bản ghi âm để lưu tại Thư viện tỉnh.",
            "Nghệ nhân truyền nghề cho lớp trẻ",
            "“Ngày xưa hát để giao duyên, để ru con. Giờ bọn trẻ hát lại, tôi nghe như thấy thời "
            "con gái của mình”, nghệ nhân Hoàng Thị Sinh, 82 tuổi, nói.",
            "Các câu lạc bộ sẽ biểu diễn phục vụ khách du lịch tại các bản du lịch cộng đồng, vừa "
            "có thêm thu nhập vừa giữ được làn điệu.",
        ),
        A(
            "Giải chạy vì sức khỏe cộng đồng quy tụ hơn ba nghìn người tham gia",
            ["thể thao phong trào"],
            "Hơn 3.000 người, từ học sinh tiểu học đến người ngoài 70 tuổi, đã cùng chạy quanh hồ "
            "trung tâm thành phố sáng Chủ nhật.",
            "Giải có ba cự ly 3 km, 5 km và 10 km; ban tổ chức bố trí điểm tiếp nước mỗi cây số, "
            "xe cứu thương và đội y tế tình nguyện dọc đường chạy.",
            "Toàn bộ tiền đăng ký của người tham gia, hơn 300 triệu đồng, được dành để xây một "
            "sân chơi cho trẻ em ở xã vùng cao.",
            "Chạy để khỏe, chạy để sẻ chia",
            "“Tôi chạy 5 km cùng cháu nội. Chạy chậm thôi nhưng về đích, được tấm huy chương là "
            "vui cả tuần”, ông Bùi Văn Đạt, 74 tuổi, cười nói.",
            "Ban tổ chức dự định đưa giải chạy thành hoạt động thường niên, thêm cự ly bán "
            "marathon cho người chạy có kinh nghiệm.",
        ),
        A(
            "Thư viện tỉnh mở không gian đọc sách miễn phí cho thiếu nhi",
            ["văn hóa đọc"],
            "Thư viện tỉnh dành tầng một làm không gian đọc cho thiếu nhi, với hơn 6.000 đầu "
            "sách, thảm ngồi và góc kể chuyện.",
            "Không gian mở cửa cả thứ Bảy và Chủ nhật; các em được mượn tối đa ba cuốn mang về "
            "nhà, chỉ cần bố mẹ đăng ký một lần tại quầy thủ thư.",
            "Mỗi sáng Chủ nhật có buổi kể chuyện do các cô giáo mầm non tình nguyện; sau buổi kể, "
            "các em vẽ tranh về nhân vật mình thích.",
            "Cuối tuần ở thư viện",
            "“Con tôi trước chỉ xem điện thoại, giờ cuối tuần nào cũng đòi đi thư viện. Tôi cũng "
            "đọc sách cùng con”, chị Nguyễn Thị Thanh, một phụ huynh, chia sẻ.",
            "Thư viện đang chuẩn bị xe thư viện lưu động để đưa sách về các trường tiểu học vùng "
            "xa mỗi tháng một lần.",
        ),
    ],
    "Du lịch": [
        A(
            "Làng nghề truyền thống đón khách du lịch trải nghiệm cuối tuần",
            ["làng nghề", "du lịch cộng đồng"],
            "Làng gốm Thanh Hà mở tour cuối tuần cho khách tự tay nặn gốm, nung sản phẩm và mang "
            "về làm kỷ niệm.",
            "Mỗi tour kéo dài nửa ngày, giá 250.000 đồng một người, gồm tham quan lò gốm cổ, học "
            "nặn trên bàn xoay và thưởng thức bữa cơm quê tại nhà nghệ nhân.",
            "Từ đầu năm, làng đón gần 9.000 lượt khách, phần lớn là học sinh và gia đình từ các "
            "tỉnh lân cận; thu nhập từ du lịch chiếm khoảng một phần tư doanh thu của các hộ làm "
            "gốm.",
            "Khách tự tay làm gốm",
            "“Khách đến không chỉ mua gốm mà muốn biết cái bình được làm ra thế nào. Chúng tôi "
            "dạy họ, cũng là giữ nghề”, nghệ nhân Nguyễn Văn Thọ cho biết.",
            "Huyện đang làm bãi đỗ xe và nhà vệ sinh công cộng ở đầu làng, dự kiến đưa vào sử "
            "dụng trước mùa du lịch hè.",
        ),
        A(
            "Mùa lúa chín trên ruộng bậc thang hút du khách",
            ["ruộng bậc thang"],
            "Chỉ trong tháng Chín, các xã có ruộng bậc thang ở huyện Mường Lay đón hơn 25.000 "
            "lượt khách đến ngắm lúa chín.",
            "Những thửa ruộng uốn lượn theo sườn núi chuyển màu vàng rực từ giữa tháng; nhiều "
            "nhiếp ảnh gia dựng lều chờ bình minh trên các mỏm đồi quanh bản Lao Chải.",
            "Người dân mở thêm hơn 30 nhà nghỉ tại gia và quán ăn; chính quyền xã quy định giá "
            "phòng niêm yết công khai, không để tình trạng tăng giá đột biến dịp cuối tuần.",
            "Giữ ruộng là giữ cảnh",
            "“Có năm lúa rẻ, nhiều nhà định bỏ ruộng. Giờ khách đến ngắm, mỗi nhà có thêm tiền từ "
            "nhà nghỉ, không ai muốn bỏ nữa”, anh Giàng A Chư, chủ một homestay, cho biết.",
            "Huyện hỗ trợ mỗi hộ giữ ruộng bậc thang 1 triệu đồng mỗi sào một năm và nhắc du "
            "khách không giẫm lên bờ ruộng khi chụp ảnh.",
        ),
        A(
            "Phát triển du lịch cộng đồng gắn với giữ gìn bản sắc dân tộc",
            ["du lịch cộng đồng"],
            "Bản Tà Van có 22 hộ làm du lịch cộng đồng, mỗi năm đón khoảng 6.000 khách, trong đó "
            "gần một nửa là khách nước ngoài.",
            "Các hộ giữ nguyên nhà sàn truyền thống, chỉ sửa khu vệ sinh và phòng ngủ cho khách; "
            "bữa ăn dùng rau, gà do chính gia đình nuôi trồng.",
            "Ban quản lý du lịch bản quy định không mở quán karaoke, không xây nhà bê tông cao "
            "tầng và dành một phần thu nhập để sửa đường, làm sạch suối.",
            "Khách ở nhà sàn, ăn cơm bản",
            "“Khách thích nghe ông bà kể chuyện, xem con gái dệt thổ cẩm. Giữ được cái riêng của "
            "bản thì khách mới quay lại”, ông Lò Văn Hặc, trưởng bản, nói.",
            "Sở Văn hóa, Thể thao và Du lịch sẽ tập huấn tiếng Anh giao tiếp và kỹ năng đón khách "
            "cho các hộ vào mùa thấp điểm.",
        ),
        A(
            "Lễ hội đầu xuân được tổ chức trang trọng, an toàn và tiết kiệm",
            ["lễ hội"],
            "Lễ hội đền Thượng năm nay không còn cảnh chen lấn cướp lộc, không rải tiền lẻ và bán "
            "hàng lấn chiếm lối đi.",
            "Ban tổ chức bố trí hàng rào phân luồng, phát lộc có trật tự sau phần lễ và đặt hòm "
            "công đức có sổ ghi chép công khai; lực lượng an ninh trực suốt ba ngày hội.",
            "Phần hội có thi đấu vật, kéo co, đánh đu và trình diễn ẩm thực của các dân tộc; ước "
            "tính hơn 40.000 lượt người đến dâng hương và vui chơi.",
            "Không còn cảnh cướp lộc",
            "“Năm nay đi lễ thoải mái, không bị chen lấn, đồ ăn có niêm yết giá. Con nhỏ đi cùng "
            "cũng yên tâm”, chị Phạm Thị Lan từ thành phố về dự hội, cho biết.",
            "Sau lễ hội, ban tổ chức sẽ công bố số tiền công đức thu được và kế hoạch sử dụng để "
            "tu bổ hậu cung đền.",
        ),
        A(
            "Ra mắt tour khám phá hang động và thác nước vùng núi phía bắc tỉnh",
            ["du lịch khám phá"],
            "Tour hai ngày một đêm đưa khách đi bộ qua rừng nguyên sinh, thám hiểm hang Khó Mú và "
            "tắm ở thác Bảy Tầng.",
            "Mỗi đoàn không quá 12 khách, đi cùng hai hướng dẫn viên và một người dân địa phương "
            "am hiểu đường rừng; khách được phát mũ bảo hiểm, đèn pin và áo phao.",
            "Doanh nghiệp lữ hành ký thỏa thuận với xã để thuê người dân làm porter và nấu ăn, "
            "đồng thời trích một phần doanh thu cho quỹ bảo vệ rừng.",
            "An toàn là điều kiện đầu tiên",
            "“Hang đẹp nhưng có đoạn trơn và tối. Chúng tôi chỉ mở tour khi đã có phương án cứu "
            "hộ và tập huấn cho hướng dẫn viên”, ông Đặng Quốc Việt, giám đốc công ty lữ hành, "
            "nói.",
            "Tour chỉ hoạt động từ tháng Mười đến tháng Tư năm sau, tạm dừng trong mùa mưa để "
            "tránh lũ quét.",
        ),
    ],
    "Giáo dục": [
        A(
            "Học sinh của tỉnh đoạt giải cao trong kỳ thi học sinh giỏi quốc gia",
            ["học sinh giỏi"],
            "Đội tuyển của tỉnh giành 31 giải trong kỳ thi học sinh giỏi quốc gia, trong đó có 2 "
            "giải nhất môn Toán và Sinh học.",
            "Đây là năm thứ ba liên tiếp tỉnh có học sinh đạt giải nhất; ngoài Trường THPT "
            "chuyên, năm nay có thêm bốn trường không chuyên có học sinh đạt giải.",
            "Các em được ôn luyện trong năm tháng, có giảng viên đại học hỗ trợ trực tuyến những "
            "chuyên đề khó; nhiều em ôn bài cả dịp nghỉ hè.",
            "Trường không chuyên cũng có giải",
            "“Em học Toán mỗi ngày một ít, bài nào không làm được thì để sáng hôm sau làm lại. Cô "
            "giáo dạy em không được bỏ cuộc”, em Vương Minh Khoa, giải nhất môn Toán, chia sẻ.",
            "Ủy ban nhân dân tỉnh khen thưởng các em đạt giải và giáo viên bồi dưỡng; học sinh "
            "đạt giải nhất được xét tuyển thẳng vào đại học.",
        ),
        A(
            "Trường vùng khó khăn được đầu tư phòng học bộ môn hiện đại",
            ["trường học"],
            "Mười bốn trường trung học cơ sở ở vùng khó khăn được xây mới phòng thí nghiệm Vật "
            "lý, Hóa học và phòng tin học.",
            "Tổng kinh phí gần 30 tỷ đồng từ chương trình mục tiêu quốc gia; mỗi phòng tin học có "
            "30 máy tính kết nối Internet cáp quang.",
            "Trước đây, học sinh ở những trường này chủ yếu học thí nghiệm qua tranh vẽ; nhiều em "
            "lần đầu được tự tay làm thí nghiệm đo dòng điện hay pha dung dịch.",
            "Lần đầu cầm ống nghiệm",
            "“Có phòng thí nghiệm, các em hiểu bài nhanh hơn và thích học hơn hẳn. Buổi chiều "
            "nhiều em xin ở lại làm thêm thí nghiệm”, thầy Sùng A Lử, Hiệu trưởng Trường THCS Pà "
            "Cò, nói.",
            "Sở Giáo dục và Đào tạo sẽ tập huấn cho giáo viên các trường cách sử dụng, bảo quản "
            "thiết bị trước khi năm học mới bắt đầu.",
        ),
        A(
            "Giáo viên ứng dụng công nghệ số trong từng tiết dạy",
            ["chuyển đổi số"],
            "Hơn 80% giáo viên phổ thông của tỉnh đã dùng bài giảng điện tử và phần mềm giao bài, "
            "chấm bài trực tuyến.",
            "Cô Nguyễn Thị Hạnh, giáo viên Ngữ văn ở thị xã Bình An, cho học sinh đọc tác phẩm "
            "trên điện thoại, thảo luận theo nhóm và nộp bài viết qua lớp học trực tuyến.",
            "Sở Giáo dục và Đào tạo đã xây dựng kho hơn 3.000 bài giảng dùng chung do giáo viên "
            "trong tỉnh đóng góp, được tổ chuyên môn thẩm định trước khi đăng.",
            "Công nghệ là phương tiện, không thay thầy cô",
            "“Máy chiếu, phần mềm chỉ giúp tiết học sinh động hơn. Điều quan trọng vẫn là thầy cô "
            "đặt câu hỏi để học sinh tự suy nghĩ”, cô Nguyễn Thị Hạnh nói.",
            "Năm học tới, ngành giáo dục sẽ thí điểm sổ liên lạc điện tử để phụ huynh theo dõi "
            "kết quả học tập của con hằng tuần.",
        ),
        A(
            "Tuyển sinh lớp 10: công bố lịch thi và chỉ tiêu các trường",
            ["tuyển sinh"],
            "Kỳ thi tuyển sinh lớp 10 diễn ra trong hai ngày đầu tháng Sáu; các trường công lập "
            "tuyển tổng cộng khoảng 11.500 học sinh.",
            "Thí sinh thi ba môn Toán, Ngữ văn và Tiếng Anh; riêng Trường THPT chuyên thi thêm "
            "môn chuyên vào ngày thứ ba.",
            "Học sinh đăng ký dự thi trực tuyến từ giữa tháng Tư, được chọn hai nguyện vọng; phụ "
            "huynh có thể tra cứu chỉ tiêu và điểm chuẩn các năm trước trên cổng tuyển sinh của "
            "Sở.",
            "Đăng ký trực tuyến, hai nguyện vọng",
            "“Phụ huynh nên chọn trường theo sức học của con và khoảng cách đi lại, đừng dồn hết "
            "vào vài trường nội thành”, bà Tạ Thị Lệ, Trưởng phòng Quản lý thi, khuyên.",
            "Kế hoạch tuyển sinh chi tiết, chỉ tiêu từng trường và hướng dẫn đăng ký được đính "
            "kèm dưới bài viết này.",
        ),
        A(
            "Bữa ăn bán trú ấm lòng học sinh dân tộc thiểu số",
            ["bán trú"],
            "Hơn 4.000 học sinh bán trú ở các huyện vùng cao được ăn bữa trưa và bữa tối có thịt, "
            "trứng và rau xanh mỗi ngày.",
            "Mức hỗ trợ tiền ăn được nâng lên 40% mức lương cơ sở mỗi tháng; nhiều trường tự "
            "trồng rau, nuôi gà để bữa ăn thêm phong phú.",
            "Tại Trường Phổ thông dân tộc bán trú Tả Phìn, giáo viên thay nhau nấu ăn cùng cô cấp "
            "dưỡng, thực đơn được dán ở cửa bếp để phụ huynh biết.",
            "Vườn rau của học trò",
            "“Ở nhà em ít khi được ăn thịt. Ở trường có cơm nóng, có canh, em ở lại học cả tuần "
            "không muốn về sớm”, em Thào Thị Mỷ, học sinh lớp 7, nói.",
            "Huyện đang vận động các nhà hảo tâm ủng hộ chăn ấm và nước nóng cho khu nội trú "
            "trước mùa đông.",
        ),
        A(
            "Đẩy mạnh giáo dục kỹ năng sống và an toàn trên không gian mạng cho học sinh",
            ["kỹ năng sống", "chuyển đổi số"],
            "Từ học kỳ này, học sinh trung học cơ sở trong tỉnh học 8 tiết về an toàn trên mạng, "
            "lồng ghép trong giờ sinh hoạt lớp.",
            "Nội dung gồm cách đặt mật khẩu, nhận biết lừa đảo trúng thưởng, không gửi ảnh cá "
            "nhân cho người lạ và cách báo cho thầy cô khi bị bắt nạt trên mạng.",
            "Giáo viên được tập huấn dùng tình huống thật, như tin nhắn giả danh nhà trường đòi "
            "học phí, để học sinh thảo luận cách xử lý.",
            "Học từ tình huống thật",
            "“Nhiều em biết dùng mạng xã hội từ lớp 4 nhưng không biết tự bảo vệ. Dạy sớm thì các "
            "em có thói quen an toàn”, cô Lê Thu Trang, giáo viên tư vấn học đường, nói.",
            "Nhà trường khuyến khích phụ huynh cùng con đặt quy tắc dùng điện thoại tại nhà và "
            "tham gia các buổi họp chuyên đề.",
        ),
    ],
    "Y tế": [
        A(
            "Trạm y tế xã triển khai khám chữa bệnh bằng bệnh án điện tử",
            ["y tế cơ sở"],
            "Tất cả 150 trạm y tế xã trong tỉnh đã dùng bệnh án điện tử; người dân khám bệnh chỉ "
            "cần mang căn cước có gắn chip.",
            "Thông tin khám, kê đơn và kết quả xét nghiệm được lưu trên hệ thống chung, bác sĩ "
            "tuyến huyện, tuyến tỉnh xem được khi người bệnh được chuyển tuyến.",
            "Trạm y tế xã Hòa An cho biết thời gian chờ khám giảm gần một nửa, không còn cảnh "
            "thất lạc sổ khám bệnh giấy.",
            "Không còn sổ khám bệnh giấy",
            "“Bà con già yếu hay quên sổ, quên đơn thuốc cũ. Giờ chỉ cần quẹt căn cước là tôi "
            "biết lần trước kê thuốc gì”, bác sĩ Lương Văn Hiếu, Trạm trưởng Trạm y tế xã Hòa An, "
            "nói.",
            "Sở Y tế sẽ kết nối bệnh án điện tử với sổ sức khỏe điện tử trên ứng dụng VNeID để "
            "người dân tự xem lịch sử khám chữa bệnh.",
        ),
        A(
            "Chiến dịch tiêm chủng mở rộng bảo vệ trẻ em trước mùa đông xuân",
            ["tiêm chủng"],
            "Ngành y tế tiêm bổ sung vắc xin sởi - rubella cho hơn 22.000 trẻ từ 1 đến 5 tuổi "
            "chưa tiêm đủ mũi.",
            "Qua rà soát sổ tiêm chủng điện tử, ngành y tế phát hiện nhiều trẻ ở vùng cao bỏ lỡ "
            "mũi nhắc lại do gia đình đi làm nương xa.",
            "Các đội tiêm lưu động đến tận thôn bản vào cuối tuần; cán bộ y tế thôn đến từng nhà "
            "nhắc lịch và đưa đón trẻ ở xa.",
            "Tiêm lưu động đến tận bản",
            "“Mùa đông xuân là mùa sởi. Chỉ cần tỷ lệ tiêm đạt trên 95% là cả cộng đồng được bảo "
            "vệ”, bác sĩ Triệu Văn An, Giám đốc Trung tâm Kiểm soát bệnh tật tỉnh, cho biết.",
            "Phụ huynh có thể tra lịch tiêm của con trên sổ tiêm chủng điện tử hoặc hỏi trực tiếp "
            "trạm y tế xã.",
        ),
        A(
            "Bệnh viện tỉnh thực hiện thành công ca phẫu thuật tim phức tạp",
            ["bệnh viện tỉnh"],
            "Lần đầu tiên, Bệnh viện Đa khoa tỉnh thay van tim cho một bệnh nhân 58 tuổi mà không "
            "phải chuyển lên tuyến trung ương.",
            "Ca mổ kéo dài gần sáu giờ, do các bác sĩ của bệnh viện thực hiện với sự hỗ trợ trực "
            "tuyến của chuyên gia một bệnh viện tim mạch hàng đầu cả nước.",
            "Sau một tuần, bệnh nhân đã tự đi lại được và chuẩn bị xuất viện; chi phí điều trị "
            "được bảo hiểm y tế chi trả phần lớn.",
            "Người bệnh không phải đi xa",
            "“Hai năm chúng tôi cử bác sĩ đi học, mua máy tim phổi nhân tạo, chờ đúng ngày này. "
            "Bệnh nhân ở nhà gần con cháu thì hồi phục tốt hơn”, bác sĩ Phùng Thế Vinh, Trưởng "
            "khoa Ngoại tim mạch, nói.",
            "Bệnh viện dự kiến mỗi tháng thực hiện từ bốn đến sáu ca phẫu thuật tim, giảm tải cho "
            "các bệnh viện tuyến trên.",
        ),
        A(
            "Khám sàng lọc miễn phí bệnh không lây nhiễm cho người cao tuổi",
            ["khám sàng lọc"],
            "Hơn 9.000 người trên 60 tuổi được đo huyết áp, xét nghiệm đường máu và tư vấn dinh "
            "dưỡng miễn phí tại trạm y tế xã.",
            "Qua sàng lọc, gần 1.400 người phát hiện tăng huyết áp và 600 người có đường máu cao "
            "nhưng chưa từng biết mình mắc bệnh.",
            "Những người mắc bệnh được lập hồ sơ quản lý tại trạm y tế, hẹn tái khám hằng tháng "
            "và nhận thuốc theo bảo hiểm y tế ngay tại xã.",
            "Phát hiện sớm để không biến chứng",
            "“Tôi tưởng mình khỏe, đi khám cho vui, ai ngờ huyết áp lên 170. Bác sĩ bảo nếu để "
            "lâu có thể tai biến”, ông Đinh Văn Lượng, 67 tuổi, ở xã Yên Hòa kể.",
            "Trung tâm Y tế các huyện sẽ tổ chức sàng lọc định kỳ mỗi năm một lần, ưu tiên người "
            "sống một mình và người khuyết tật.",
        ),
        A(
            "Tăng cường phòng chống sốt xuất huyết tại các khu dân cư",
            ["sốt xuất huyết"],
            "Từ đầu năm, tỉnh ghi nhận 640 ca sốt xuất huyết, tăng gần gấp đôi cùng kỳ; phần lớn "
            "ở các phường ven thành phố.",
            "Trung tâm Kiểm soát bệnh tật tỉnh đã phun hóa chất diệt muỗi tại 25 ổ dịch và tổ "
            "chức chiến dịch diệt bọ gậy tại hơn 15.000 hộ gia đình.",
            "Qua kiểm tra, bọ gậy thường có trong lốp xe cũ, chậu cây cảnh và bể nước không đậy "
            "nắp; nhiều công trình xây dựng bỏ dở cũng là nơi muỗi sinh sản.",
            "Mỗi tuần dành mười phút diệt bọ gậy",
            "“Thuốc phun chỉ diệt muỗi trưởng thành, còn bọ gậy thì phải mỗi nhà tự lật úp vật "
            "chứa nước. Mười phút mỗi tuần là đủ”, bác sĩ Lã Thị Hương, Trưởng khoa Kiểm soát "
            "bệnh truyền nhiễm, nói.",
            "Người có sốt cao liên tục, xuất huyết dưới da hoặc đau bụng cần đến cơ sở y tế ngay, "
            "không tự truyền dịch tại nhà.",
        ),
        A(
            "Đưa bác sĩ trẻ về công tác tại các trạm y tế vùng sâu",
            ["nhân lực y tế", "y tế cơ sở"],
            "Hai mươi bác sĩ trẻ mới tốt nghiệp đã nhận công tác có thời hạn hai năm tại các trạm "
            "y tế xã vùng sâu của tỉnh.",
            "Các bác sĩ được hưởng phụ cấp thu hút, hỗ trợ nhà ở công vụ và được ưu tiên cử đi "
            "học chuyên khoa sau khi hoàn thành thời gian công tác.",
            "Nhiều trạm y tế trước đây chỉ có y sĩ và điều dưỡng; nay người dân được bác sĩ khám "
            "ngay tại xã, những ca nhẹ không phải xuống huyện.",
            "Bác sĩ ở ngay trong xã",
            "“Em chọn về xã vì muốn biết bệnh tật thật sự của người dân nông thôn. Ở đây em học "
            "được nhiều điều mà bệnh viện lớn không dạy”, bác sĩ Ninh Thị Hà, 25 tuổi, chia sẻ.",
            "Sở Y tế đề xuất kéo dài chính sách thu hút thêm ba năm và mở rộng cho cả dược sĩ, kỹ "
            "thuật viên xét nghiệm.",
        ),
    ],
    "Khoa học - Công nghệ": [
        A(
            "Đề tài khoa học giúp nâng cao năng suất giống lúa địa phương",
            ["nghiên cứu khoa học", "giống cây trồng"],
            "Sau bốn năm nghiên cứu, giống lúa nếp Tài địa phương đã được phục tráng, năng suất "
            "tăng khoảng 15% mà vẫn giữ được hương thơm.",
            "Đề tài do Trung tâm Giống cây trồng tỉnh chủ trì, chọn lọc những bông lúa đẹp nhất "
            "trên ruộng của nông dân qua nhiều vụ và loại bỏ các cây lẫn tạp.",
            "Giống lúa đã được trồng thử trên 40 ha ở hai huyện, cho năng suất bình quân hơn 5 "
            "tấn mỗi héc-ta, gạo dẻo và thơm như giống gốc.",
            "Giữ hương thơm, tăng năng suất",
            "“Giống cũ bị thoái hóa, cây cao dễ đổ, hạt lép nhiều. Phục tráng xong, cây cứng hơn "
            "mà gạo vẫn thơm như hồi trước”, kỹ sư Lý Văn Nghĩa, chủ nhiệm đề tài, nói.",
            "Trung tâm sẽ sản xuất giống xác nhận để cung cấp cho nông dân từ vụ mùa tới và đăng "
            "ký nhãn hiệu tập thể cho gạo nếp Tài.",
        ),
        A(
            "Sinh viên chế tạo thiết bị cảnh báo sạt lở đất giá rẻ",
            ["sạt lở", "nghiên cứu khoa học"],
            "Nhóm sinh viên Trường Cao đẳng Kỹ thuật tỉnh chế tạo thiết bị đo độ ẩm và độ dịch "
            "chuyển của đất, giá chưa đến 3 triệu đồng.",
            "Thiết bị gồm cảm biến cắm sâu vào sườn đồi và một bộ xử lý chạy bằng pin năng lượng "
            "mặt trời; khi đất dịch chuyển quá ngưỡng, còi báo động kêu và tin nhắn được gửi đến "
            "cán bộ xã.",
            "Nhóm đã lắp thử ba thiết bị ở taluy dương một đoạn đường tỉnh thường sạt lở; qua hai "
            "tháng mùa mưa, thiết bị hoạt động ổn định.",
            "Báo động trước khi đất trượt",
            "“Mùa mưa năm ngoái quê em bị sạt lở, may không có người chết. Em muốn làm một cái "
            "máy để bà con có thêm vài phút chạy”, sinh viên Vàng Seo Dũng, trưởng nhóm, kể.",
            "Sở Khoa học và Công nghệ hỗ trợ nhóm hoàn thiện thiết bị và đăng ký giải pháp hữu "
            "ích; nếu đạt yêu cầu, thiết bị sẽ được lắp ở 20 điểm nguy cơ cao.",
        ),
        A(
            "Tỉnh hỗ trợ doanh nghiệp đăng ký bảo hộ sở hữu trí tuệ",
            ["sở hữu trí tuệ"],
            "Năm nay, 46 doanh nghiệp, hợp tác xã được hỗ trợ kinh phí đăng ký nhãn hiệu, kiểu "
            "dáng công nghiệp và sáng chế.",
            "Mỗi đơn vị được hỗ trợ tối đa 30 triệu đồng cho một đối tượng đăng ký trong nước và "
            "80 triệu đồng nếu đăng ký ở nước ngoài.",
            "Nhiều sản phẩm nông sản của tỉnh từng bị làm giả nhãn mác trên thị trường; sau khi "
            "được bảo hộ, chủ sở hữu có căn cứ để yêu cầu xử lý hàng giả.",
            "Bảo hộ để không bị làm giả",
            "“Trước đây thấy hàng nhái mang tên mình mà không làm gì được. Có văn bằng bảo hộ "
            "rồi, chúng tôi báo cơ quan quản lý thị trường là được xử lý ngay”, ông Tô Văn Phúc, "
            "giám đốc một hợp tác xã, nói.",
            "Sở Khoa học và Công nghệ mở điểm tư vấn miễn phí về sở hữu trí tuệ vào sáng thứ Tư "
            "hằng tuần tại trụ sở Sở.",
        ),
        A(
            "Ngày hội khởi nghiệp đổi mới sáng tạo dành cho thanh niên",
            ["khởi nghiệp"],
            "Ba mươi dự án khởi nghiệp của thanh niên trong tỉnh được trưng bày, từ trà túi lọc "
            "từ lá vối đến ứng dụng đặt lịch khám bệnh.",
            "Các đội có năm phút trình bày trước hội đồng gồm nhà đầu tư, doanh nhân và chuyên "
            "gia; dự án đoạt giải nhất được hỗ trợ 100 triệu đồng và một năm ươm tạo.",
            "Giải nhất thuộc về nhóm sinh viên làm phân bón hữu cơ từ bã mía và vỏ cà phê, đã có "
            "đơn đặt hàng của ba hợp tác xã.",
            "Ý tưởng từ phụ phẩm nông nghiệp",
            "“Vỏ cà phê trước bị đổ bỏ ra suối. Chúng tôi biến nó thành phân bón, vừa bán được "
            "vừa đỡ ô nhiễm”, Đinh Thị Hòa, trưởng nhóm đoạt giải, cho biết.",
            "Tỉnh đoàn sẽ tổ chức các buổi kết nối định kỳ giữa dự án khởi nghiệp và doanh "
            "nghiệp, ngân hàng trong năm tới.",
        ),
        A(
            "Ứng dụng bản đồ số trong quản lý đất đai",
            ["bản đồ số"],
            "Bản đồ địa chính số của 6 huyện đã được đưa lên hệ thống chung, cán bộ xã tra cứu "
            "thửa đất chỉ trong vài giây.",
            "Hệ thống cho biết ranh giới, diện tích, mục đích sử dụng và tình trạng pháp lý của "
            "từng thửa; dữ liệu được cập nhật mỗi khi có giao dịch chuyển nhượng.",
            "Nhờ bản đồ số, thời gian giải quyết hồ sơ tách thửa ở huyện Đông Sơn giảm từ 15 ngày "
            "xuống còn 8 ngày; tranh chấp ranh giới cũng được xác minh nhanh hơn.",
            "Tra cứu thửa đất trong vài giây",
            "“Trước đây tìm một thửa đất phải lật cả chồng bản đồ giấy, có tờ đã rách. Giờ mở máy "
            "là thấy”, bà Lục Thị Mai, cán bộ địa chính xã, nói.",
            "Sở Tài nguyên và Môi trường sẽ hoàn thành bản đồ số cho các huyện còn lại trong năm "
            "tới và mở chức năng tra cứu quy hoạch cho người dân.",
        ),
    ],
    "Chuyển đổi số": [
        A(
            "Người dân nộp hồ sơ dịch vụ công trực tuyến ngày càng nhiều",
            ["dịch vụ công trực tuyến"],
            "Tỷ lệ hồ sơ nộp trực tuyến của tỉnh đạt 68%, gấp hơn hai lần năm trước; nhiều thủ "
            "tục không cần đến bộ phận một cửa.",
            "Các thủ tục được nộp trực tuyến nhiều nhất là đăng ký khai sinh, cấp phiếu lý lịch "
            "tư pháp và đăng ký kinh doanh hộ cá thể; kết quả được trả qua bưu điện hoặc bản điện "
            "tử.",
            "Người dân được giảm 50% lệ phí khi nộp hồ sơ trực tuyến với một số thủ tục; mỗi hồ "
            "sơ đều có mã số để theo dõi tiến độ giải quyết.",
            "Ngồi nhà vẫn làm được thủ tục",
            "“Tôi đăng ký khai sinh cho con ngay ở bệnh viện bằng điện thoại. Ba ngày sau bưu "
            "điện mang giấy khai sinh đến tận nhà”, anh Chu Văn Khánh ở thành phố kể.",
            "Tỉnh đặt mục tiêu năm tới 80% hồ sơ được nộp trực tuyến và tiếp tục rút ngắn thời "
            "gian xử lý ở các thủ tục đất đai.",
        ),
        A(
            "Tổ công nghệ số cộng đồng hướng dẫn bà con thanh toán không dùng tiền mặt",
            ["thanh toán không dùng tiền mặt"],
            "Hơn 1.500 tổ công nghệ số cộng đồng đã giúp người dân mở tài khoản, thanh toán tiền "
            "điện, nước và học phí qua điện thoại.",
            "Ở chợ trung tâm huyện Mường Lay, gần 200 tiểu thương đã dán mã QR tại quầy hàng; "
            "người mua chỉ cần quét mã là trả tiền xong.",
            "Tổ công nghệ số cộng đồng gồm công an xã, đoàn viên thanh niên và nhân viên bưu "
            "điện, đến từng thôn vào buổi tối khi bà con đi làm về.",
            "Chợ phiên cũng quét mã",
            "“Lúc đầu tôi sợ bị lừa mất tiền. Các cháu hướng dẫn kỹ, dặn không đưa mã OTP cho ai, "
            "giờ bán rau cũng nhận chuyển khoản”, bà Sầm Thị Bích, tiểu thương chợ Mường Lay, "
            "nói.",
            "Các tổ sẽ tiếp tục hướng dẫn nhận lương hưu và trợ cấp xã hội qua tài khoản, giúp "
            "người cao tuổi không phải đi xa.",
        ),
        A(
            "Đưa trung tâm điều hành thông minh của tỉnh vào vận hành",
            ["chính quyền số"],
            "Trung tâm điều hành thông minh tổng hợp dữ liệu từ camera giao thông, phản ánh của "
            "người dân và tình hình giải quyết hồ sơ.",
            "Lãnh đạo tỉnh có thể xem ngay số hồ sơ trễ hạn của từng sở, mực nước các hồ chứa và "
            "điểm ùn tắc giao thông trên một màn hình lớn.",
            "Người dân phản ánh sự việc như đèn đường hỏng, rác thải, lấn chiếm vỉa hè qua ứng "
            "dụng; phản ánh được chuyển đến đơn vị phụ trách và phải được trả lời trong ba ngày.",
            "Phản ánh của dân được trả lời trong ba ngày",
            "“Dữ liệu chỉ có giá trị khi giúp ra quyết định nhanh hơn và đúng hơn, chứ không phải "
            "để trang trí màn hình”, ông Trịnh Minh Tuấn, Giám đốc Sở Thông tin và Truyền thông, "
            "nói.",
            "Giai đoạn tiếp theo, trung tâm sẽ kết nối thêm dữ liệu y tế, giáo dục và cảnh báo "
            "thiên tai từ các trạm đo mưa tự động.",
        ),
        A(
            "Số hóa hồ sơ, giấy tờ tại bộ phận một cửa cấp xã",
            ["số hóa hồ sơ"],
            "Các xã đã số hóa hơn 1,2 triệu trang sổ hộ tịch cũ, người dân xin trích lục khai "
            "sinh không phải chờ tìm sổ giấy.",
            "Việc số hóa được làm trong tám tháng, từ những cuốn sổ từ năm 1975 đến nay; nhiều "
            "cuốn đã ố vàng, rách mép phải phục chế trước khi quét.",
            "Khi nộp hồ sơ, người dân không phải nộp lại giấy tờ đã có trong kho dữ liệu; cán bộ "
            "một cửa tự tra cứu và đính kèm bản điện tử.",
            "Giấy tờ đã nộp thì không phải nộp lại",
            "“Trước đây xin trích lục khai sinh năm 1980 phải hẹn ba ngày để lục sổ. Giờ mười "
            "phút là xong”, chị Mạc Thị Yến, công chức tư pháp - hộ tịch xã Tân Lập, cho biết.",
            "Sở Tư pháp yêu cầu các xã hoàn thành kiểm tra, đối chiếu dữ liệu đã số hóa trước khi "
            "kết nối với cơ sở dữ liệu quốc gia.",
        ),
        A(
            "Đảm bảo an toàn thông tin cho hệ thống chính quyền số",
            ["an toàn thông tin", "chính quyền số"],
            "Đội ứng cứu sự cố của tỉnh đã ngăn chặn hơn 300 cuộc tấn công vào các hệ thống thông "
            "tin của cơ quan nhà nước trong năm.",
            "Phần lớn là các cuộc dò quét lỗ hổng và thư điện tử giả mạo có đính kèm mã độc gửi "
            "đến hộp thư công vụ của cán bộ.",
            "Tỉnh đã diễn tập thực chiến hai lần, mời chuyên gia đóng vai tin tặc tấn công cổng "
            "dịch vụ công; các lỗ hổng phát hiện đều được vá trong tuần.",
            "Cán bộ là lớp phòng thủ đầu tiên",
            "“Phần lớn sự cố bắt đầu từ một cú bấm vào đường link lạ. Mỗi cán bộ phải là một lớp "
            "phòng thủ”, ông Nghiêm Đức Anh, Trưởng phòng An toàn thông tin, nói.",
            "Năm tới, toàn bộ cán bộ, công chức của tỉnh sẽ học khóa an toàn thông tin cơ bản và "
            "làm bài kiểm tra trực tuyến.",
        ),
    ],
}
TITLES = {
    category: [article.title for article in articles] for category, articles in ARTICLES.items()
}

CATEGORY_COLOURS = {
    "Thời sự": (164, 22, 26),
    "Kinh tế": (0, 95, 115),
    "Xã hội": (10, 147, 150),
    "Chính trị": (155, 34, 38),
    "Xây dựng Đảng": (174, 32, 18),
    "Văn hóa - Thể thao": (202, 103, 2),
    "Du lịch": (56, 102, 65),
    "Giáo dục": (0, 119, 182),
    "Y tế": (42, 157, 143),
    "Khoa học - Công nghệ": (58, 12, 163),
    "Chuyển đổi số": (72, 12, 168),
}

# --- The media library's demo (issue 13, medialib/management/commands/load_media_demo.py) -------
# Three of the demo articles above show it: inline images, a photo gallery, attached documents.
MEDIA_INLINE_ARTICLE = "Khánh thành cây cầu mới nối đôi bờ sông trước mùa mưa lũ"
MEDIA_INLINE_IMAGES = [
    # (alt text, caption, credit, colour)
    (
        "Cây cầu mới bắc qua sông lúc bình minh",
        "Cây cầu dài 320 m nối hai xã bên sông.",
        "Ảnh: Trần Minh Đức",
        (0, 95, 115),
    ),
    (
        "Người dân đi bộ qua cầu trong ngày khánh thành",
        "Người dân phấn khởi trong ngày thông xe.",
        "Ảnh: Nguyễn Thu Hà",
        (202, 103, 2),
    ),
]
MEDIA_GALLERY_ARTICLE = "Liên hoan nghệ thuật quần chúng thu hút hàng trăm diễn viên không chuyên"
MEDIA_GALLERY_IMAGES = [
    (
        "Đội văn nghệ xã biểu diễn múa xòe",
        "Tiết mục múa xòe của đội văn nghệ xã vùng cao.",
        (164, 22, 26),
    ),
    ("Các nghệ nhân hát dân ca trên sân khấu", "Nghệ nhân cao tuổi hát dân ca cổ.", (56, 102, 65)),
    ("Khán giả cổ vũ các tiết mục", "Đông đảo khán giả đến cổ vũ.", (0, 119, 182)),
    ("Thiếu nhi biểu diễn trống hội", "Tiết mục trống hội của thiếu nhi.", (202, 103, 2)),
    ("Ban giám khảo chấm thi", "Ban giám khảo làm việc công tâm, khách quan.", (72, 12, 168)),
    (
        "Trao giải cho các đội xuất sắc",
        "Trao giải nhất cho đội văn nghệ phường Trung tâm.",
        (155, 34, 38),
    ),
]
MEDIA_GALLERY_CREDIT = "Ảnh: Đặng Văn Nam"
MEDIA_DOCUMENTS_ARTICLE = "Tuyển sinh lớp 10: công bố lịch thi và chỉ tiêu các trường"
MEDIA_DOCUMENTS = [
    # (title, kind)
    ("Kế hoạch tuyển sinh lớp 10 năm học mới (PDF)", "pdf"),
    ("Chỉ tiêu tuyển sinh của các trường trung học phổ thông", "xlsx"),
    ("Hướng dẫn đăng ký dự thi trực tuyến", "docx"),
]
