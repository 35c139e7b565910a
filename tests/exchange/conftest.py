from tests.reports.conftest import (  # noqa: F401  (fixtures shared with the report tests)
    artifacts,
    loaded_file,
    loaded_store,
    loaded_url,
)
