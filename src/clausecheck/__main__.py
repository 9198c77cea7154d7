from clausecheck.cli import main

main()
