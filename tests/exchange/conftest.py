from tests.datasets.conftest import (  # noqa: F401  (the Hải Phòng report, read once)
    haiphong_extract,
    report_path,
)
from tests.reports.conftest import (  # noqa: F401  (fixtures shared with the report tests)
    artifacts,
    loaded_file,
    loaded_store,
    loaded_url,
)
