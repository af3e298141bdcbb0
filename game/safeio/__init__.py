"""Safe file and terminal I/O that every command, the window and the history share.

Standard library only, so that any room may use it:

    from game.safeio import read_regular, write_atomic, clean, NotAFile
    data = read_regular(path, limit)    # NotAFile (one line) for a FIFO, device, folder...
    write_atomic(path, data)            # the old file or the new one, never half of one
    print(clean(title))                 # control characters shown, never obeyed
    loads_limited(text)                 # JSON; JsonRefused ('line:col: reason') if too deep

See docs/reliability.md for what is tested.
"""

from game.safeio.atomic import TEMP_MARK, WriteRefused, clean_stale_temporaries, write_atomic
from game.safeio.jsonlimits import JsonRefused, loads_limited
from game.safeio.regular import NotAFile, kind_of, open_regular, read_regular, refusal
from game.safeio.terminal import SafeStream, clean, clean_lines

__all__ = ["TEMP_MARK", "JsonRefused", "NotAFile", "SafeStream", "WriteRefused", "clean", "clean_lines",
           "clean_stale_temporaries", "kind_of", "loads_limited", "open_regular", "read_regular",
           "refusal", "write_atomic"]
