from ncg.cli import main

main()
