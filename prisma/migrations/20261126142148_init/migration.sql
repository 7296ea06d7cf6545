-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "App" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "App_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Dataset_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DatasetVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "classes" JSONB NOT NULL,
    "ignoreIndex" INTEGER,
    "sampleCount" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DatasetVersion_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Sample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "datasetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "imageSha256" TEXT NOT NULL,
    "imageContentType" TEXT NOT NULL,
    "maskSha256" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "metadata" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Sample_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DatasetVersionSample" (
    "datasetVersionId" TEXT NOT NULL,
    "sampleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("datasetVersionId", "sampleId"),
    CONSTRAINT "DatasetVersionSample_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DatasetVersionSample_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SampleTag" (
    "sampleId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("sampleId", "tag"),
    CONSTRAINT "SampleTag_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Model" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Model_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "modelId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "runnerKind" TEXT NOT NULL,
    "runnerConfig" JSONB NOT NULL,
    "classes" JSONB NOT NULL,
    "trainingDatasetVersionId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModelVersion_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModelVersion_trainingDatasetVersionId_fkey" FOREIGN KEY ("trainingDatasetVersionId") REFERENCES "DatasetVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PredictionMask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "modelVersionId" TEXT NOT NULL,
    "sampleName" TEXT NOT NULL,
    "maskSha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PredictionMask_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "datasetVersionId" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'created',
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "summary" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queuedAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME,
    "workerId" TEXT,
    CONSTRAINT "Evaluation_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evaluation_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evaluation_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationClassResult" (
    "evaluationId" TEXT NOT NULL,
    "classIndex" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "iou" REAL,
    "dice" REAL,
    "precision" REAL,
    "recall" REAL,
    "boundaryIou" REAL,
    "tp" REAL NOT NULL,
    "fp" REAL NOT NULL,
    "fn" REAL NOT NULL,
    "gtPixels" REAL NOT NULL,
    "predPixels" REAL NOT NULL,
    "imagesPresent" INTEGER NOT NULL,

    PRIMARY KEY ("evaluationId", "classIndex"),
    CONSTRAINT "EvaluationClassResult_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationSampleResult" (
    "evaluationId" TEXT NOT NULL,
    "sampleId" TEXT NOT NULL,
    "confusion" JSONB NOT NULL,
    "boundary" JSONB,
    "miou" REAL,
    "pixelAccuracy" REAL,
    "evaluatedPixels" REAL NOT NULL,
    "predictionSha256" TEXT,
    "durationMs" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("evaluationId", "sampleId"),
    CONSTRAINT "EvaluationSampleResult_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvaluationSampleResult_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "App_ownerId_name_key" ON "App"("ownerId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_appId_name_key" ON "Dataset"("appId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetVersion_datasetId_number_key" ON "DatasetVersion"("datasetId", "number");

-- CreateIndex
CREATE INDEX "Sample_datasetId_name_idx" ON "Sample"("datasetId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Sample_datasetId_name_imageSha256_maskSha256_key" ON "Sample"("datasetId", "name", "imageSha256", "maskSha256");

-- CreateIndex
CREATE INDEX "DatasetVersionSample_sampleId_idx" ON "DatasetVersionSample"("sampleId");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetVersionSample_datasetVersionId_position_key" ON "DatasetVersionSample"("datasetVersionId", "position");

-- CreateIndex
CREATE INDEX "SampleTag_tag_idx" ON "SampleTag"("tag");

-- CreateIndex
CREATE UNIQUE INDEX "Model_appId_name_key" ON "Model"("appId", "name");

-- CreateIndex
CREATE INDEX "ModelVersion_trainingDatasetVersionId_idx" ON "ModelVersion"("trainingDatasetVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_modelId_number_key" ON "ModelVersion"("modelId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PredictionMask_modelVersionId_sampleName_key" ON "PredictionMask"("modelVersionId", "sampleName");

-- CreateIndex
CREATE INDEX "Evaluation_ownerId_createdAt_idx" ON "Evaluation"("ownerId", "createdAt");

-- CreateIndex
CREATE INDEX "Evaluation_status_idx" ON "Evaluation"("status");

-- CreateIndex
CREATE INDEX "Evaluation_modelVersionId_idx" ON "Evaluation"("modelVersionId");

-- CreateIndex
CREATE INDEX "Evaluation_datasetVersionId_idx" ON "Evaluation"("datasetVersionId");

-- CreateIndex
CREATE INDEX "EvaluationSampleResult_evaluationId_miou_idx" ON "EvaluationSampleResult"("evaluationId", "miou");

-- CreateIndex
CREATE INDEX "EvaluationSampleResult_sampleId_idx" ON "EvaluationSampleResult"("sampleId");
