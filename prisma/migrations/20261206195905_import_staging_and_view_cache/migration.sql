-- CreateTable
CREATE TABLE "DatasetImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "datasetId" TEXT,
    "datasetName" TEXT NOT NULL,
    "classes" JSONB NOT NULL,
    "ignoreIndex" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "holderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DatasetImport_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DatasetImportSample" (
    "importId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "sampleId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "imageSha256" TEXT NOT NULL,
    "imageContentType" TEXT NOT NULL,
    "maskSha256" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "metadata" JSONB,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("importId", "position"),
    CONSTRAINT "DatasetImportSample_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DatasetImport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RenderedView" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "pngSha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "DatasetImport_appId_idx" ON "DatasetImport"("appId");

-- CreateIndex
CREATE INDEX "DatasetImportSample_imageSha256_idx" ON "DatasetImportSample"("imageSha256");

-- CreateIndex
CREATE INDEX "DatasetImportSample_maskSha256_idx" ON "DatasetImportSample"("maskSha256");

-- CreateIndex
CREATE INDEX "RenderedView_pngSha256_idx" ON "RenderedView"("pngSha256");
