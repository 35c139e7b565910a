from tests.datasets.conftest import (  # noqa: F401  (the Hải Phòng report, read once)
    haiphong_extract,
    report_path,
)
