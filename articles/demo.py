"""Demo content written for this project (fictional province, people and events)."""

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
    ("Trung tâm Văn hóa - Thể thao tỉnh", "Tổ chức hoạt động văn hóa, văn nghệ, thể thao quần chúng."),
    ("Ban Biên tập Cổng thông tin", "Biên tập và quản trị nội dung cổng thông tin điện tử."),
]

AUTHORS = [
    ("Nguyễn Thu Hà", 0), ("Trần Minh Đức", 0), ("Lê Thị Lan", 1), ("Phạm Quốc Bảo", 1),
    ("Hoàng Anh Tuấn", 2), ("Vũ Thanh Hương", 3), ("Đặng Văn Nam", 4), ("Bùi Ngọc Mai", 5),
    ("Đỗ Hải Đăng", 5), ("Ngô Phương Linh", 2),
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

TAGS = [
    "chuyển đổi số", "mạng xã hội", "đảng viên", "nông thôn mới", "an sinh xã hội", "khởi nghiệp",
    "giáo dục phổ thông", "y tế cơ sở", "du lịch cộng đồng", "lễ hội", "môi trường", "thể thao",
    "cải cách hành chính", "thanh niên", "phụ nữ", "doanh nghiệp", "đầu tư công", "phòng chống dịch",
    "văn hóa đọc", "an toàn giao thông",
]

# Five to six titles per category; each becomes one article.
TITLES = {
    "Thời sự": [
        "Tỉnh tổ chức hội nghị tổng kết công tác năm và triển khai nhiệm vụ năm mới",
        "Đoàn công tác của tỉnh làm việc với các xã vùng cao về giảm nghèo bền vững",
        "Khánh thành cây cầu mới nối đôi bờ sông trước mùa mưa lũ",
        "Tăng cường tuần tra, bảo đảm trật tự an toàn giao thông dịp cuối năm",
        "Người dân vùng lũ được hỗ trợ sửa chữa nhà ở trước Tết",
        "Tỉnh chủ động ứng phó với đợt không khí lạnh tăng cường",
    ],
    "Kinh tế": [
        "Hợp tác xã chè đạt doanh thu kỷ lục nhờ bán hàng trên sàn thương mại điện tử",
        "Thu hút đầu tư vào khu công nghiệp tăng mạnh trong chín tháng",
        "Nông dân chuyển đổi sang trồng rau hữu cơ, thu nhập tăng gấp đôi",
        "Doanh nghiệp nhỏ được hỗ trợ vay vốn ưu đãi để đổi mới thiết bị",
        "Sản phẩm OCOP của tỉnh có mặt tại các hệ thống siêu thị lớn",
        "Giải ngân vốn đầu tư công: các chủ đầu tư cam kết hoàn thành kế hoạch",
    ],
    "Xã hội": [
        "Mô hình tổ tự quản bảo vệ môi trường ở khu dân cư lan tỏa khắp các phường",
        "Trao tặng hàng nghìn suất quà cho hộ nghèo và gia đình chính sách",
        "Thanh niên tình nguyện giúp người cao tuổi làm thủ tục trực tuyến",
        "Hội Phụ nữ xã ra mắt câu lạc bộ nuôi con khỏe, dạy con ngoan",
        "Người dân tự nguyện hiến đất mở rộng đường liên thôn",
        "Nhà văn hóa thôn trở thành điểm sinh hoạt chung của bà con",
    ],
    "Chính trị": [
        "Hội đồng nhân dân tỉnh khai mạc kỳ họp thường lệ cuối năm",
        "Lãnh đạo tỉnh tiếp xúc cử tri, lắng nghe kiến nghị của người dân",
        "Mặt trận Tổ quốc tỉnh phát động phong trào đoàn kết xây dựng đời sống văn hóa",
        "Tổng kết công tác dân vận khéo trong các cơ quan nhà nước",
        "Công bố chỉ số cải cách hành chính của các sở, ngành và địa phương",
    ],
    "Xây dựng Đảng": [
        "Đảng viên gương mẫu, có trách nhiệm khi sử dụng mạng xã hội",
        "Chi bộ khu dân cư đổi mới nội dung sinh hoạt chuyên đề",
        "Kết nạp đảng viên là đoàn viên thanh niên ưu tú trong trường học",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh ở cơ sở",
        "Bồi dưỡng lý luận chính trị cho đảng viên mới năm nay",
    ],
    "Văn hóa - Thể thao": [
        "Liên hoan nghệ thuật quần chúng thu hút hàng trăm diễn viên không chuyên",
        "Đội tuyển điền kinh của tỉnh giành nhiều huy chương tại giải toàn quốc",
        "Phục dựng làn điệu dân ca cổ trong các câu lạc bộ ở thôn bản",
        "Giải chạy vì sức khỏe cộng đồng quy tụ hơn ba nghìn người tham gia",
        "Thư viện tỉnh mở không gian đọc sách miễn phí cho thiếu nhi",
    ],
    "Du lịch": [
        "Làng nghề truyền thống đón khách du lịch trải nghiệm cuối tuần",
        "Mùa lúa chín trên ruộng bậc thang hút du khách",
        "Phát triển du lịch cộng đồng gắn với giữ gìn bản sắc dân tộc",
        "Lễ hội đầu xuân được tổ chức trang trọng, an toàn và tiết kiệm",
        "Ra mắt tour khám phá hang động và thác nước vùng núi phía bắc tỉnh",
    ],
    "Giáo dục": [
        "Học sinh của tỉnh đoạt giải cao trong kỳ thi học sinh giỏi quốc gia",
        "Trường vùng khó khăn được đầu tư phòng học bộ môn hiện đại",
        "Giáo viên ứng dụng công nghệ số trong từng tiết dạy",
        "Tuyển sinh lớp 10: công bố lịch thi và chỉ tiêu các trường",
        "Bữa ăn bán trú ấm lòng học sinh dân tộc thiểu số",
        "Đẩy mạnh giáo dục kỹ năng sống và an toàn trên không gian mạng cho học sinh",
    ],
    "Y tế": [
        "Trạm y tế xã triển khai khám chữa bệnh bằng bệnh án điện tử",
        "Chiến dịch tiêm chủng mở rộng bảo vệ trẻ em trước mùa đông xuân",
        "Bệnh viện tỉnh thực hiện thành công ca phẫu thuật tim phức tạp",
        "Khám sàng lọc miễn phí bệnh không lây nhiễm cho người cao tuổi",
        "Tăng cường phòng chống sốt xuất huyết tại các khu dân cư",
        "Đưa bác sĩ trẻ về công tác tại các trạm y tế vùng sâu",
    ],
    "Khoa học - Công nghệ": [
        "Đề tài khoa học giúp nâng cao năng suất giống lúa địa phương",
        "Sinh viên chế tạo thiết bị cảnh báo sạt lở đất giá rẻ",
        "Tỉnh hỗ trợ doanh nghiệp đăng ký bảo hộ sở hữu trí tuệ",
        "Ngày hội khởi nghiệp đổi mới sáng tạo dành cho thanh niên",
        "Ứng dụng bản đồ số trong quản lý đất đai",
    ],
    "Chuyển đổi số": [
        "Người dân nộp hồ sơ dịch vụ công trực tuyến ngày càng nhiều",
        "Tổ công nghệ số cộng đồng hướng dẫn bà con thanh toán không dùng tiền mặt",
        "Đưa trung tâm điều hành thông minh của tỉnh vào vận hành",
        "Số hóa hồ sơ, giấy tờ tại bộ phận một cửa cấp xã",
        "Đảm bảo an toàn thông tin cho hệ thống chính quyền số",
    ],
}

PARAGRAPHS = [
    "Theo báo cáo của cơ quan chuyên môn, kết quả đạt được trong thời gian qua là tín hiệu tích cực, "
    "thể hiện sự vào cuộc đồng bộ của cả hệ thống chính trị và sự đồng thuận của người dân.",
    "Phát biểu tại buổi làm việc, đại diện lãnh đạo đơn vị nhấn mạnh cần tiếp tục rà soát, "
    "tháo gỡ khó khăn, vướng mắc ngay từ cơ sở, không để việc tồn đọng kéo dài.",
    "Nhiều hộ dân cho biết, từ khi có sự hướng dẫn cụ thể của cán bộ thôn, xã, "
    "việc thực hiện trở nên thuận lợi hơn, tiết kiệm được thời gian và chi phí đi lại.",
    "Bên cạnh những kết quả đạt được, vẫn còn một số hạn chế như nguồn lực đầu tư chưa đồng đều, "
    "một bộ phận người dân chưa tiếp cận đầy đủ thông tin.",
    "Trong thời gian tới, tỉnh sẽ tập trung nâng cao chất lượng nguồn nhân lực, "
    "đẩy mạnh ứng dụng công nghệ thông tin và tăng cường kiểm tra, giám sát việc thực hiện.",
    "Các đại biểu đã thảo luận sôi nổi, đóng góp nhiều ý kiến tâm huyết, "
    "đề xuất giải pháp thiết thực phù hợp với điều kiện của từng địa phương.",
    "Ngay sau hội nghị, các đơn vị đã xây dựng kế hoạch chi tiết, phân công rõ người, rõ việc, "
    "rõ thời gian hoàn thành và rõ trách nhiệm của người đứng đầu.",
    "Được biết, đây là năm thứ ba liên tiếp hoạt động này được tổ chức, "
    "thu hút ngày càng đông đảo các tầng lớp nhân dân tham gia hưởng ứng.",
    "Theo ghi nhận của phóng viên, không khí tại địa phương những ngày này rất phấn khởi; "
    "người dân tin tưởng vào chủ trương đúng đắn và cách làm bài bản của chính quyền.",
    "Để đạt mục tiêu đề ra, các cấp, các ngành cần phát huy tinh thần chủ động, sáng tạo, "
    "lấy sự hài lòng của người dân và doanh nghiệp làm thước đo hiệu quả công việc.",
    "Cơ quan chức năng khuyến cáo người dân theo dõi thông tin chính thống trên cổng thông tin "
    "điện tử của tỉnh và các phương tiện thông tin đại chúng.",
    "Kết thúc chương trình, ban tổ chức đã trao giấy khen cho các tập thể và cá nhân "
    "có thành tích xuất sắc, góp phần cổ vũ phong trào thi đua ở cơ sở.",
]

SUBHEADINGS = [
    "Kết quả bước đầu đáng ghi nhận",
    "Những khó khăn cần tháo gỡ",
    "Nhiệm vụ trong thời gian tới",
    "Lan tỏa trong cộng đồng",
]

LEADS = [
    "{title_lower}: đây là nội dung được dư luận quan tâm trong những ngày qua, "
    "góp phần thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội của tỉnh.",
    "Với nhiều cách làm sáng tạo, {title_lower} đã mang lại hiệu quả thiết thực, "
    "được người dân đồng tình, ủng hộ.",
    "Sáng nay, các cơ quan, đơn vị liên quan đã có những thông tin mới về việc "
    "{title_lower}, trong đó nêu rõ kết quả và kế hoạch thời gian tới.",
]

CATEGORY_COLOURS = {
    "Thời sự": (164, 22, 26), "Kinh tế": (0, 95, 115), "Xã hội": (10, 147, 150),
    "Chính trị": (155, 34, 38), "Xây dựng Đảng": (174, 32, 18), "Văn hóa - Thể thao": (202, 103, 2),
    "Du lịch": (56, 102, 65), "Giáo dục": (0, 119, 182), "Y tế": (42, 157, 143),
    "Khoa học - Công nghệ": (58, 12, 163), "Chuyển đổi số": (72, 12, 168),
}

# --- The media library's demo (issue 13, medialib/management/commands/load_media_demo.py) -------
# Three of the demo articles above show it: inline images, a photo gallery, attached documents.
MEDIA_INLINE_ARTICLE = "Khánh thành cây cầu mới nối đôi bờ sông trước mùa mưa lũ"
MEDIA_INLINE_IMAGES = [
    # (alt text, caption, credit, colour)
    ("Cây cầu mới bắc qua sông lúc bình minh", "Cây cầu dài 320 m nối hai xã bên sông.", "Ảnh: Trần Minh Đức", (0, 95, 115)),
    ("Người dân đi bộ qua cầu trong ngày khánh thành", "Người dân phấn khởi trong ngày thông xe.", "Ảnh: Nguyễn Thu Hà", (202, 103, 2)),
]
MEDIA_GALLERY_ARTICLE = "Liên hoan nghệ thuật quần chúng thu hút hàng trăm diễn viên không chuyên"
MEDIA_GALLERY_IMAGES = [
    ("Đội văn nghệ xã biểu diễn múa xòe", "Tiết mục múa xòe của đội văn nghệ xã vùng cao.", (164, 22, 26)),
    ("Các nghệ nhân hát dân ca trên sân khấu", "Nghệ nhân cao tuổi hát dân ca cổ.", (56, 102, 65)),
    ("Khán giả cổ vũ các tiết mục", "Đông đảo khán giả đến cổ vũ.", (0, 119, 182)),
    ("Thiếu nhi biểu diễn trống hội", "Tiết mục trống hội của thiếu nhi.", (202, 103, 2)),
    ("Ban giám khảo chấm thi", "Ban giám khảo làm việc công tâm, khách quan.", (72, 12, 168)),
    ("Trao giải cho các đội xuất sắc", "Trao giải nhất cho đội văn nghệ phường Trung tâm.", (155, 34, 38)),
]
MEDIA_GALLERY_CREDIT = "Ảnh: Đặng Văn Nam"
MEDIA_DOCUMENTS_ARTICLE = "Tuyển sinh lớp 10: công bố lịch thi và chỉ tiêu các trường"
MEDIA_DOCUMENTS = [
    # (title, kind)
    ("Kế hoạch tuyển sinh lớp 10 năm học mới (PDF)", "pdf"),
    ("Chỉ tiêu tuyển sinh của các trường trung học phổ thông", "xlsx"),
    ("Hướng dẫn đăng ký dự thi trực tuyến", "docx"),
]
