"""Build step that pyproject.toml cannot express: the SQL files live in the top-level ``sql/``
folder (schema, pipeline models, views and example queries, where analysts look for them) and are
copied into the built package as ``etl/sql`` so a wheel or a plain ``pip install .`` carries them.
Everything else is configured in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithSql(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "etl" / "sql"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(Path(__file__).resolve().parent / "sql", target)


setup(cmdclass={"build_py": BuildWithSql})
