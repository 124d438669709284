/** Integration tests need a real PostgreSQL: scripts/test.sh provides TEST_DATABASE_URL. */
export default function setup(): void {
  if (!process.env['TEST_DATABASE_URL']) {
    throw new Error(
      'TEST_DATABASE_URL is not set. Run the suite with `npm test` (it starts a throwaway PostgreSQL), ' +
        'or point TEST_DATABASE_URL at a PostgreSQL superuser database, e.g. postgres://postgres@127.0.0.1:5432/postgres',
    );
  }
}
