# The scheduler benchmark (bench/programs/scheduler.py, linked as _scheduler.py), scaled down.
import _scheduler

_scheduler.main(2, 1500)
