import Commands

@main
struct Entry {
    static func main() async {
        await DowntrackCommand.main()
    }
}
