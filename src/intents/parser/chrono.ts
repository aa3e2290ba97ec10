// chrono-node's English and Chinese parsers only. The package's index also loads every other
// locale it ships (a dozen Rapport never uses: ~6 MB of an idle server's RSS). Same modules, so
// `chrono.en` and `chrono.zh.hans` here are exactly the index's.
export * as en from 'chrono-node/en';
export * as zh from 'chrono-node/zh';
