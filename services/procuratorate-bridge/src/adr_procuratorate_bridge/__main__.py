from adr_procuratorate_bridge.main import main

main()
