--
-- PostgreSQL database dump
--

\restrict dltkit

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: merge_pk_and_merge_key; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA merge_pk_and_merge_key;


--
-- Name: merge_pk_and_merge_key_staging; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA merge_pk_and_merge_key_staging;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: _dlt_loads; Type: TABLE; Schema: merge_pk_and_merge_key; Owner: -
--

CREATE TABLE merge_pk_and_merge_key._dlt_loads (
    load_id character varying(64) NOT NULL,
    schema_name character varying,
    status bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_version_hash character varying
);


--
-- Name: _dlt_pipeline_state; Type: TABLE; Schema: merge_pk_and_merge_key; Owner: -
--

CREATE TABLE merge_pk_and_merge_key._dlt_pipeline_state (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    pipeline_name character varying NOT NULL,
    state character varying NOT NULL,
    created_at timestamp with time zone NOT NULL,
    version_hash character varying,
    _dlt_load_id character varying(64) NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: _dlt_version; Type: TABLE; Schema: merge_pk_and_merge_key; Owner: -
--

CREATE TABLE merge_pk_and_merge_key._dlt_version (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_name character varying NOT NULL,
    version_hash character varying NOT NULL,
    schema character varying NOT NULL
);


--
-- Name: readings; Type: TABLE; Schema: merge_pk_and_merge_key; Owner: -
--

CREATE TABLE merge_pk_and_merge_key.readings (
    day character varying NOT NULL,
    sensor character varying NOT NULL,
    value double precision,
    _dlt_load_id character varying NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: readings__flags; Type: TABLE; Schema: merge_pk_and_merge_key; Owner: -
--

CREATE TABLE merge_pk_and_merge_key.readings__flags (
    value character varying,
    _dlt_root_id character varying NOT NULL,
    _dlt_parent_id character varying NOT NULL,
    _dlt_list_idx bigint NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: _dlt_version; Type: TABLE; Schema: merge_pk_and_merge_key_staging; Owner: -
--

CREATE TABLE merge_pk_and_merge_key_staging._dlt_version (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_name character varying NOT NULL,
    version_hash character varying NOT NULL,
    schema character varying NOT NULL
);


--
-- Name: readings; Type: TABLE; Schema: merge_pk_and_merge_key_staging; Owner: -
--

CREATE TABLE merge_pk_and_merge_key_staging.readings (
    day character varying NOT NULL,
    sensor character varying NOT NULL,
    value double precision,
    _dlt_load_id character varying NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: readings__flags; Type: TABLE; Schema: merge_pk_and_merge_key_staging; Owner: -
--

CREATE TABLE merge_pk_and_merge_key_staging.readings__flags (
    value character varying,
    _dlt_root_id character varying NOT NULL,
    _dlt_parent_id character varying NOT NULL,
    _dlt_list_idx bigint NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: _dlt_pipeline_state _dlt_pipeline_state__dlt_id_key; Type: CONSTRAINT; Schema: merge_pk_and_merge_key; Owner: -
--

ALTER TABLE ONLY merge_pk_and_merge_key._dlt_pipeline_state
    ADD CONSTRAINT _dlt_pipeline_state__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: readings readings__dlt_id_key; Type: CONSTRAINT; Schema: merge_pk_and_merge_key; Owner: -
--

ALTER TABLE ONLY merge_pk_and_merge_key.readings
    ADD CONSTRAINT readings__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: readings__flags readings__flags__dlt_id_key; Type: CONSTRAINT; Schema: merge_pk_and_merge_key; Owner: -
--

ALTER TABLE ONLY merge_pk_and_merge_key.readings__flags
    ADD CONSTRAINT readings__flags__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: readings readings__dlt_id_key; Type: CONSTRAINT; Schema: merge_pk_and_merge_key_staging; Owner: -
--

ALTER TABLE ONLY merge_pk_and_merge_key_staging.readings
    ADD CONSTRAINT readings__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: readings__flags readings__flags__dlt_id_key; Type: CONSTRAINT; Schema: merge_pk_and_merge_key_staging; Owner: -
--

ALTER TABLE ONLY merge_pk_and_merge_key_staging.readings__flags
    ADD CONSTRAINT readings__flags__dlt_id_key UNIQUE (_dlt_id);


--
-- PostgreSQL database dump complete
--

\unrestrict dltkit

