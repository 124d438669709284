import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
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
  },
};

export default config;
