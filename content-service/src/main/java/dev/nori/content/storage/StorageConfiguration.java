package dev.nori.content.storage;

import java.io.IOException;

import dev.nori.content.config.ContentProperties;
import io.minio.MinioClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

	@Bean
	ObjectStorage objectStorage(ContentProperties properties) throws IOException {
		ContentProperties.Storage storage = properties.storage();
		return switch (storage.driver()) {
			case LOCAL -> {
				log.info("Uploads are stored under {}", storage.localRoot().toAbsolutePath());
				yield new LocalStorage(storage.localRoot());
			}
			case S3 -> {
				ContentProperties.Storage.S3 s3 = storage.s3();
				log.info("Uploads are stored in {}", s3);
				yield new S3Storage(MinioClient.builder()
					.endpoint(s3.endpoint())
					.region(s3.region())
					.credentials(s3.accessKey(), s3.secretKey())
					.build(), s3.bucket());
			}
		};
	}

}
