#!/usr/bin/env python3
"""Build the knowledge graph: ``python build.py [--input seeds] [--out output]`` (same as ``kg build``)."""
import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
