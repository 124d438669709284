import type { CodegenConfig } from '@graphql-codegen/cli';
import * as connectionFields from './codegen/connection-fields.plugin';

const CONNECTION_FIELDS_PLUGIN = 'connection-fields';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  // Our own plugin comes from this folder; every other one is a package.
  pluginLoader: (name: string) => (name === CONNECTION_FIELDS_PLUGIN ? Promise.resolve(connectionFields) : import(name)),
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        // Components type their props with the generated fragment types; masking would force
        // every consumer through useFragment for no gain in this console.
        fragmentMasking: false,
      },
      config: {
        scalars: { DateTimeISO: 'string', ID: { input: 'string', output: 'string' } },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        nonOptionalTypename: false,
        skipTypename: false,
      },
    },
    // Read by the Apollo cache (app/apollo-client.ts): a pagination policy for every connection.
    './src/gql/connection-fields.ts': {
      plugins: [CONNECTION_FIELDS_PLUGIN],
    },
  },
};

export default config;
