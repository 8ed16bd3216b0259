"""A run's final step without its analysis: copy a finished build's files into a staging folder, commit.

Usage: ``python _committer.py TEMPLATE OUT``. Each file is written with
``atomic_path`` into the staging folder (as the writers of ``build`` do),
the manifest is written and the folder committed, exactly as
``pipeline.build`` ends; SIGTERM and SIGHUP are handled as the CLI handles
them. With ``CAMAU_GIS_FAULT`` the commit signals itself at one phase
(``camau_gis._commit.fault``). Exit status: the CLI's (0, 130, 143, 129).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from camau_gis._atomic import atomic_path, staging
from camau_gis.cli import _handle_termination, _interrupted
from camau_gis.pipeline import BUILD_MANIFEST


def main(template: Path, out: Path) -> int:
    _handle_termination()
    try:
        with staging(out, manifest=BUILD_MANIFEST) as stage:
            for src in sorted(template.iterdir()):
                if src.name != BUILD_MANIFEST:
                    with atomic_path(stage / src.name) as tmp:
                        shutil.copyfile(src, tmp)
    except KeyboardInterrupt as exc:
        code, text = _interrupted(exc)
        print(text, file=sys.stderr)
        return code
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
