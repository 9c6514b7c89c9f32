/** Parser and printer throughput (filled in by the parser issue). */
export async function run(): Promise<void> {}
