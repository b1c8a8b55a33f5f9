from adr_reporting.main import main

main()
