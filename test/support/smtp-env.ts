// Imported before the API module by tests of email: the API only writes email jobs when SMTP_URL
// is set (it never sends, so any address does); the worker gets the test's SMTP sink.
process.env.SMTP_URL = 'smtp://127.0.0.1:25';
process.env.PUBLIC_URL = 'http://roster.test';
