from termkit.cli import main

main()
