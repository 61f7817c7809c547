"""The embedded offline demo: outlets, feeds and pages written by this project, served locally.

Importing this package starts nothing; a :class:`DemoServer` binds its ports on ``start()``.
"""

from etl.demo.server import DemoServer
from etl.demo.timeline import DEMO_DAYS, capture_clocks

__all__ = ["DEMO_DAYS", "DemoServer", "capture_clocks"]
