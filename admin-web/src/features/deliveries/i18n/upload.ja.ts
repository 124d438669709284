/**
 * Japanese texts of uploading images for LINE messages in the composer
 * (`t('deliveries.upload.…')`). Part of the feature's texts (ja.ts spreads them in);
 * `upload.en.ts` is typed against them. The refusals repeat the server's words (media-policy.ts).
 */
export const uploadJa = {
  upload: {
    image: '画像をアップロード',
    imageHint: 'JPEGかPNG、10MBまで。アップロードすると、画像とプレビュー画像のURLが入ります（URLの入力でも指定できます）。',
    videoPreview: 'プレビュー画像をアップロード',
    videoPreviewHint: 'JPEGかPNG、10MBまで。アップロードすると、プレビュー画像のURLが入ります。',
    imagemap: 'イメージマップの画像をアップロード',
    imagemapHint:
      'JPEGかPNG（幅1040ピクセル以上がおすすめ）、10MBまで。アップロードすると、JSONの baseUrl と baseSize が入ります（LINEが使う幅240〜1040の画像はサーバーが用意します）。タップ領域（actions）は画像の大きさに合わせて直してください。',
    imagemapJsonBroken: 'JSONに誤りがあるため、画像を入れられません。JSONを直してからアップロードしてください。',
    progressLabel: 'アップロードの進み具合',
    uploading: 'アップロード中…（{{percent}}%）',
    done: '「{{name}}」をアップロードしました。',
    tooLarge: 'ファイルが大きすぎます（上限 {{max}}）',
    wrongType: 'ファイルの種類が対応していません（{{types}} のみ）',
    empty: 'ファイルが空です。',
    refused: 'この画像はアップロードできませんでした。',
    failed: 'アップロードできませんでした。通信状況を確かめて、もう一度お試しください。',
  },
};

export type UploadTranslation = typeof uploadJa;
