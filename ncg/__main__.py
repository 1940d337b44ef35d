from ncg.cli import entry

entry()
