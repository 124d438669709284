import type { UploadTranslation } from './upload.ja';

/** English texts of uploading images for LINE messages; `upload.ja.ts` is the source. */
export const uploadEn: UploadTranslation = {
  upload: {
    image: 'Upload an image',
    imageHint: 'JPEG or PNG, up to 10MB. Uploading fills in the image’s and the preview’s URLs (you can also type a URL).',
    videoPreview: 'Upload a preview image',
    videoPreviewHint: 'JPEG or PNG, up to 10MB. Uploading fills in the preview image’s URL.',
    imagemap: 'Upload the imagemap’s image',
    imagemapHint:
      'JPEG or PNG (at least 1040 pixels wide is best), up to 10MB. Uploading fills in baseUrl and baseSize in the JSON (the server provides the widths 240 to 1040 LINE uses). Adjust the tap areas (actions) to the image’s size.',
    imagemapJsonBroken: 'The JSON has an error, so the image cannot be put in. Fix the JSON, then upload.',
    progressLabel: 'Upload progress',
    uploading: 'Uploading… ({{percent}}%)',
    done: 'Uploaded “{{name}}”.',
    tooLarge: 'The file is too large (up to {{max}})',
    wrongType: 'This type of file is not accepted ({{types}} only)',
    empty: 'The file is empty.',
    refused: 'This image could not be uploaded.',
    failed: 'The upload failed. Check the connection and try again.',
  },
};
